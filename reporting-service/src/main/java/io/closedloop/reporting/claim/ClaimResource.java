package io.closedloop.reporting.claim;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import io.closedloop.events.EventCatalog;
import io.closedloop.platform.api.Patterns;
import io.closedloop.events.EventJson;
import io.closedloop.events.claim.ClaimSubmitted;
import io.closedloop.events.claim.ClaimedContact;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.access.ReportAccess;
import io.closedloop.reporting.scorecard.Period;
import io.closedloop.reporting.scorecard.Periods;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import io.closedloop.platform.api.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/claims/{personId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Claims")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class ClaimResource {


    @Schema(name = "ClaimedContactBody", description = "A contact the person says they had")
    public record Contact(@NotBlank @Pattern(regexp = Patterns.CUSTOMER_REF, message = Patterns.CUSTOMER_REF_MESSAGE)
                          @Schema(examples = "phone:+33612345678") String customerRef,
                          @NotNull ActivityKind kind, @NotNull Instant at) {
    }

    /** A daily work report: counts, hours, overtime and the contacts claimed. */
    @Schema(description = "A daily work report: counts, hours, overtime and the contacts claimed. Claims are compared "
            + "with verified evidence; they never count as results.")
    public record DailyReport(
            @NotNull @Min(0) @Max(500) @Schema(examples = "12") Integer calls,
            @NotNull @Min(0) @Max(100) @Schema(examples = "2") Integer visits,
            @NotNull @Min(0) @Max(100) @Schema(examples = "1") Integer meetings,
            @NotNull @DecimalMin("0") @DecimalMax("24") @Digits(integer = 2, fraction = 2) @Schema(examples = "8.5")
            BigDecimal hoursWorked,
            @NotNull @DecimalMin("0") @DecimalMax("24") @Digits(integer = 2, fraction = 2) @Schema(examples = "0.5")
            BigDecimal overtimeHours,
            @Size(max = 500) List<@NotNull @Valid Contact> contacts) {
    }

    @Schema(name = "Claim", description = "One version of a person's daily report")
    public record ClaimView(@NotNull @Schema(examples = "ann-agent") String personId, @NotNull LocalDate day,
                            @Schema(description = "1 for the first report of the day, then each correction") int version,
                            @NotNull @Schema(examples = "ann-agent") String submittedBy, @NotNull Instant submittedAt,
                            int calls, int visits, int meetings, @NotNull BigDecimal hoursWorked,
                            @NotNull BigDecimal overtimeHours, @NotNull List<ClaimedContact> contacts) {

        static ClaimView of(Claim c) {
            try {
                return new ClaimView(c.personId, c.day, c.version, c.submittedBy, c.submittedAt, c.calls, c.visits,
                        c.meetings, c.hoursWorked, c.overtimeHours,
                        EventJson.mapper().readValue(c.contacts, new TypeReference<List<ClaimedContact>>() { }));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A day's report with every earlier version. */
    @Schema(description = "A day's report: the current version and every version, newest first")
    public record ClaimHistory(@NotNull ClaimView current, @NotNull List<ClaimView> versions) {
    }

    private final Outbox outbox;
    private final ReportAccess access;
    private final CurrentCaller caller;
    private final ReportingConfig config;
    private final Clock clock;

    ClaimResource(Outbox outbox, ReportAccess access, CurrentCaller caller, ReportingConfig config, Clock clock) {
        this.outbox = outbox;
        this.access = access;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    @PUT
    @Path("/{day}")
    @Transactional
    @Operation(operationId = "submitClaim", summary = "Submit the daily work report of a person",
            description = "By the person or their manager. A new version replaces the previous one; every version is kept.")
    public ClaimView submit(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId, @Parameter(description = "The day, e.g. 2026-11-30") @PathParam("day") String dayText,
                            @Valid @NotNull DailyReport body) {
        Caller who = caller.get();
        access.requirePerson(who, personId);
        LocalDate day = Periods.day(dayText);
        ZoneId zone = ZoneId.of(config.timeZone());
        Instant now = clock.instant();
        List<FieldViolation> problems = new ArrayList<>();
        if (day.isAfter(LocalDate.ofInstant(now, zone))) {
            problems.add(new FieldViolation("day", "a report is about a day that has begun"));
        }
        if (body.overtimeHours().compareTo(body.hoursWorked()) > 0) {
            problems.add(new FieldViolation("overtimeHours", "cannot exceed hoursWorked"));
        }
        List<Contact> contacts = body.contacts() == null ? List.of() : body.contacts();
        for (int i = 0; i < contacts.size(); i++) {
            Contact contact = contacts.get(i);
            if (!LocalDate.ofInstant(contact.at(), zone).equals(day)) {
                problems.add(new FieldViolation("contacts[" + i + "].at", "must be on " + day));
            }
            if (contact.kind() != ActivityKind.CALL && contact.kind() != ActivityKind.VISIT && contact.kind() != ActivityKind.MEETING) {
                problems.add(new FieldViolation("contacts[" + i + "].kind", "a claimed contact is a CALL, VISIT or MEETING"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        // Versions of one person's day are numbered one after another even when reports arrive together: the first
        // version has no row yet to lock, so the day itself is locked.
        Claim.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "claim:" + personId + ":" + day).getSingleResult();
        Claim latest = Claim.<Claim>find("personId = ?1 and day = ?2 order by version desc", personId, day).firstResult();
        Claim claim = new Claim();
        claim.personId = personId;
        claim.day = day;
        claim.version = latest == null ? 1 : latest.version + 1;
        claim.submittedBy = who.personId();
        claim.submittedAt = now;
        claim.calls = body.calls();
        claim.visits = body.visits();
        claim.meetings = body.meetings();
        claim.hoursWorked = body.hoursWorked();
        claim.overtimeHours = body.overtimeHours();
        List<ClaimedContact> claimed = contacts.stream().map(c -> new ClaimedContact(c.customerRef(), c.kind(), c.at())).toList();
        try {
            claim.contacts = EventJson.mapper().writeValueAsString(claimed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        claim.persist();
        outbox.publish(EventCatalog.CLAIM_SUBMITTED, personId, new ClaimSubmitted(personId, day, claim.version,
                who.personId(), now, claim.calls, claim.visits, claim.meetings, claim.hoursWorked, claim.overtimeHours,
                claimed));
        return ClaimView.of(claim);
    }

    @GET
    @Path("/{day}")
    @Transactional
    @Operation(operationId = "getClaim", summary = "A day's report, with every version")
    public ClaimHistory day(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId, @Parameter(description = "The day, e.g. 2026-11-30") @PathParam("day") String dayText) {
        access.requirePerson(caller.get(), personId);
        LocalDate day = Periods.day(dayText);
        List<ClaimView> versions = Claim.<Claim>list("personId = ?1 and day = ?2 order by version desc", personId, day)
                .stream().map(ClaimView::of).toList();
        if (versions.isEmpty()) {
            throw ProblemException.notFound("report of " + personId + " for", day);
        }
        return new ClaimHistory(versions.getFirst(), versions);
    }

    @GET
    @Transactional
    @Operation(operationId = "listClaims", summary = "A person's current reports over a period", description = "period: a day, 2026-W48, 2026-11, 2026-Q4 or a range.")
    public Page<ClaimView> period(@Parameter(description = "The person's id") @PathParam("personId") @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
                                  @QueryParam("period") @Parameter(description = "A day (2026-11-30), an ISO week (2026-W48), a month "
                                          + "(2026-11), a quarter (2026-Q4) or a range (2026-11-01..2026-11-30)",
                                          example = "2026-W48") String period,
                                  @QueryParam("cursor") @Size(max = 200) String cursor,
                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        access.requirePerson(caller.get(), personId);
        Period p = Periods.parse(period);
        List<ClaimView> claims = Claim.<Claim>list("""
                        from Claim k where k.personId = ?1 and k.day between ?2 and ?3 and k.version = (
                        select max(c.version) from Claim c where c.personId = k.personId and c.day = k.day) order by k.day""",
                        personId, p.from(), p.to())
                .stream().map(ClaimView::of).toList();
        return Page.slice(claims, c -> c.day().toString(), cursor, limit);
    }
}
