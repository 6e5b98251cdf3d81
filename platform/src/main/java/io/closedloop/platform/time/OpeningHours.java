package io.closedloop.platform.time;

import java.time.LocalTime;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotNull;

/** One stretch of working time in a day, {@code from} inclusive, {@code to} exclusive; {@code to} 00:00 is midnight. */
public record OpeningHours(@NotNull @JsonFormat(pattern = "HH:mm") LocalTime from,
                           @NotNull @JsonFormat(pattern = "HH:mm") LocalTime to) {

    public boolean endsAtMidnight() {
        return to.equals(LocalTime.MIDNIGHT);
    }

    public boolean isValid() {
        return endsAtMidnight() || from.isBefore(to);
    }
}
