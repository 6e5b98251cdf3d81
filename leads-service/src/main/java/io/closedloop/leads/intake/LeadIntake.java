package io.closedloop.leads.intake;

import io.closedloop.events.lead.LeadStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.Money;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import io.closedloop.events.lead.UrgencyClaim;
import io.closedloop.leads.assignment.AssignmentService;
import io.closedloop.leads.lead.CustomerRefs;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadRows;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import io.closedloop.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Takes a lead in: checks what validation annotations cannot, refuses a likely duplicate unless the caller insists,
 * announces it, routes it to an owner and stores it as routed, all in one transaction. (A retry with an {@code Idempotency-Key}
 * never reaches here: the platform answers it with the first answer.)
 */
@ApplicationScoped
public class LeadIntake {

    private final Outbox outbox;
    private final AssignmentService assignment;
    private final History history;
    private final LeadRows rows;
    private final EntityManager entityManager;
    private final Clock clock;

    LeadIntake(Outbox outbox, AssignmentService assignment, History history, LeadRows rows, EntityManager entityManager,
               Clock clock) {
        this.outbox = outbox;
        this.assignment = assignment;
        this.history = history;
        this.rows = rows;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Lead receive(NewLead request, Caller caller, boolean allowDuplicate) {
        String referrerId = referrerOf(request, caller);
        String email = request.customer().email() == null ? null : CustomerRefs.normaliseEmail(request.customer().email());
        String phoneKey = blankToNull(request.customer().phone()) == null ? null
                : CustomerRefs.normalisePhone(request.customer().phone());
        if (!allowDuplicate) {
            refuseDuplicate(email, phoneKey);
        }
        Instant now = clock.instant();
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.status = LeadStatus.NEW;
        lead.source = request.source();
        lead.referrerId = referrerId;
        lead.customerName = request.customer().name().strip();
        lead.organisation = blankToNull(request.customer().organisation());
        lead.email = email;
        lead.phone = blankToNull(request.customer().phone());
        lead.phoneKey = phoneKey;
        lead.customerRef = CustomerRefs.of(request.customer().reference(), lead.email, lead.phone);
        lead.product = blankToNull(request.product());
        if (request.estimatedValue() != null) {
            lead.estimatedValue = request.estimatedValue().amount();
            lead.currency = request.estimatedValue().currency();
        }
        lead.territory = blankToNull(request.territory());
        if (request.urgency() != null) {
            lead.urgencyStatement = request.urgency().statement().strip();
            lead.urgencyDemandedBy = request.urgency().demandedBy();
        }
        lead.priority = request.priority() != null ? request.priority()
                : request.urgency() != null ? Priority.HIGH : Priority.NORMAL;
        lead.createdBy = caller.personId();
        lead.createdAt = now;
        lead.updatedAt = now;
        rows.arriving(lead);
        history.record(lead.id, caller.personId(), "received", null, "source", lead.source, "referrer", referrerId,
                "priority", lead.priority, "duplicateAllowed", allowDuplicate ? Boolean.TRUE : null);
        outbox.publish(EventCatalog.LEAD_RECEIVED, lead.id.toString(), new LeadReceived(
                lead.id, lead.source, lead.referrerId, lead.customerRef, lead.customerName, lead.organisation,
                lead.product,
                lead.estimatedValue == null ? null : new Money(lead.estimatedValue, lead.currency),
                lead.territory,
                lead.urgencyStatement == null ? null : new UrgencyClaim(lead.urgencyStatement, lead.urgencyDemandedBy),
                lead.priority, caller.personId(), now));
        assignment.route(lead, History.SYSTEM);
        rows.write(lead);
        return lead;
    }

    /**
     * The oldest open lead with the e-mail address (first parameter) or the phone number (second); a null matches
     * nothing. One index scan per contact, each stopping at its first row (V6): the plan does not depend on the
     * table's statistics, which a table younger than 100,000 changes does not have.
     */
    static final String OLDEST_OPEN_LEAD_WITH_CONTACT = """
            SELECT id, email FROM (
                (SELECT id, email, created_at FROM lead
                 WHERE status NOT IN ('WON', 'LOST') AND email = ? ORDER BY created_at LIMIT 1)
                UNION ALL
                (SELECT id, email, created_at FROM lead
                 WHERE status NOT IN ('WON', 'LOST') AND phone_key = ? ORDER BY created_at LIMIT 1)
            ) open_with_contact ORDER BY created_at LIMIT 1""";

    /** Same e-mail or phone on an open lead: 409 with the link, unless the caller insists (allowDuplicate=true). */
    private void refuseDuplicate(String email, String phoneKey) {
        // Two intakes of the same customer at once must not both pass the check: each locks the customer's contacts
        // (in one order, so two never wait for each other) before it looks, and holds them until it commits.
        String[] contacts = Stream.of(email, phoneKey).filter(Objects::nonNull).map(c -> "lead-contact:" + c).sorted()
                .toArray(String[]::new);
        Existing duplicate = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT count(pg_advisory_xact_lock(hashtext(c))) FROM (SELECT unnest(?::text[]) AS c ORDER BY 1) contacts")) {
                lock.setArray(1, connection.createArrayOf("text", contacts));
                lock.executeQuery().close();
            }
            try (PreparedStatement lookup = connection.prepareStatement(OLDEST_OPEN_LEAD_WITH_CONTACT)) {
                lookup.setString(1, email);
                lookup.setString(2, phoneKey);
                try (ResultSet found = lookup.executeQuery()) {
                    return found.next() ? new Existing(found.getString(1), found.getString(2)) : null;
                }
            }
        });
        if (duplicate != null) {
            throw new ProblemException(Problem.of(ProblemType.DUPLICATE, "An open lead for this customer exists (same "
                            + (email != null && email.equals(duplicate.email()) ? "e-mail address" : "phone number")
                            + "); send allowDuplicate=true to take this one in anyway")
                    .with("existing", "/leads/" + duplicate.id()));
        }
    }

    private record Existing(String id, String email) {
    }

    /**
     * A referral names its referrer. A caller who is only a referrer refers in their own name: they may leave the
     * referrer out, but not name somebody else.
     */
    static String referrerOf(NewLead request, Caller caller) {
        List<FieldViolation> violations = new ArrayList<>();
        String referrerId = request.referrerId();
        if (caller.isOnlyReferrer()) {
            if (referrerId != null && !referrerId.equals(caller.personId())) {
                violations.add(new FieldViolation("referrerId", "a referrer refers in their own name"));
            }
            referrerId = caller.personId();
        }
        if (request.source() == LeadSource.REFERRAL && referrerId == null) {
            violations.add(new FieldViolation("referrerId", "is required for a referral"));
        }
        NewLead.Customer customer = request.customer();
        if (isBlank(customer.email()) && isBlank(customer.phone())) {
            violations.add(new FieldViolation("customer", "needs an e-mail address or a phone number"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return referrerId;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.strip();
    }
}
