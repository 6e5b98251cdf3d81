package io.closedloop.feedback.mail;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How a person hears: in the inbox only, every message by e-mail, or a daily digest. Theirs to set, or an admin's. */
@Path("/notification-preferences/{personId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class PreferenceResource {

    @Schema(name = "NotificationPreference", description = "How a person hears: INBOX (the inbox only), EMAIL (every "
            + "message by e-mail as well) or DIGEST (one e-mail a day at digestHour, with what came since the last)")
    public record View(@NotNull String personId, @NotNull Preference.Delivery delivery,
                       @Schema(description = "The zone e-mails show times in; absent: the person's team's") String timeZone,
                       int digestHour,
                       @Schema(description = "Where e-mail goes: the address leads-service has for the person") String email,
                       @Schema(description = "Whether this service sends e-mail at all") boolean mailEnabled) {
    }

    @Schema(name = "NotificationPreferenceBody", description = "INBOX, EMAIL or DIGEST; the time zone e-mails show "
            + "times in (absent: the team's); the hour of the digest in that zone (default 17)")
    public record Body(@NotNull Preference.Delivery delivery,
                       @Size(max = 64) @Schema(examples = "Europe/Paris") String timeZone,
                       @Min(0) @Max(23) Integer digestHour) {
    }

    private final Preferences preferences;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;
    private final boolean mailEnabled;

    PreferenceResource(Preferences preferences, Directory directory, CurrentCaller caller, Clock clock, FeedbackConfig config) {
        this.preferences = preferences;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
        this.mailEnabled = config.mail().enabled();
    }

    @GET
    @Transactional
    @Operation(operationId = "getNotificationPreference", summary = "How a person hears (their own, or anyone's for an admin)")
    public View get(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId) {
        requireSelfOrAdmin(personId);
        return Preference.<Preference>findByIdOptional(personId).map(this::view)
                .orElseGet(() -> new View(personId, Preference.Delivery.INBOX, null, 17, email(personId), mailEnabled));
    }

    @PUT
    @Transactional
    @Operation(operationId = "setNotificationPreference", summary = "Choose how a person hears: inbox only, e-mail, or a daily digest")
    public View set(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
                    @Valid @NotNull Body body) {
        requireSelfOrAdmin(personId);
        if (body.timeZone() != null) {
            try {
                ZoneId.of(body.timeZone());
            } catch (DateTimeException e) {
                throw ProblemException.invalid("timeZone", "must be a time-zone id, e.g. Europe/Paris");
            }
        }
        return view(preferences.set(personId, body.delivery(), body.timeZone(),
                body.digestHour() == null ? 17 : body.digestHour(), clock.instant()));
    }

    private void requireSelfOrAdmin(String personId) {
        Caller who = caller.get();
        if (!who.isAdmin() && !who.personId().equals(personId)) {
            throw ProblemException.forbidden("A person's notification preference is theirs to see and set, or an admin's");
        }
    }

    private View view(Preference p) {
        return new View(p.personId, p.delivery, p.timeZone, p.digestHour, email(p.personId), mailEnabled);
    }

    private String email(String personId) {
        return directory.emailOf(personId).orElse(null);
    }
}
