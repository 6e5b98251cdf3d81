package io.closedloop.platform.time;

import java.time.LocalTime;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stretch of working time in a day, {@code from} inclusive, {@code to} exclusive; {@code to} 00:00 is midnight. */
@Schema(description = "One stretch of working time in a day: from inclusive, to exclusive; to 00:00 is midnight, "
        + "and 00:00 to 00:00 the whole day")
public record OpeningHours(
        @NotNull @JsonFormat(pattern = "HH:mm")
        @Schema(implementation = String.class, type = SchemaType.STRING, pattern = TIME_OF_DAY, examples = "09:00",
                description = "HH:mm") LocalTime from,
        @NotNull @JsonFormat(pattern = "HH:mm")
        @Schema(implementation = String.class, type = SchemaType.STRING, pattern = TIME_OF_DAY,
                description = "HH:mm, e.g. 17:30; 00:00 is midnight") LocalTime to) {

    /** A time of day as the API reads and writes it. */
    public static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    public boolean endsAtMidnight() {
        return to.equals(LocalTime.MIDNIGHT);
    }

    @JsonIgnore
    public boolean isValid() {
        return endsAtMidnight() || from.isBefore(to);
    }
}
