package io.closedloop.events.team;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A stretch of working time in a day, "HH:mm" to "HH:mm" (to "00:00" = midnight). */
public record OpeningHours(@NotNull @Pattern(regexp = "[0-2][0-9]:[0-5][0-9]") String from,
                           @NotNull @Pattern(regexp = "[0-2][0-9]:[0-5][0-9]") String to) {
}
