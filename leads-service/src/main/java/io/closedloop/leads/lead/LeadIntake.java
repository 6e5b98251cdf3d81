package io.closedloop.leads.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.Money;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.UrgencyClaim;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Takes a lead in: checks what validation annotations cannot, stores it and announces it, in one transaction. */
@ApplicationScoped
public class LeadIntake {

    private final Outbox outbox;
    private final Clock clock;

    LeadIntake(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Lead receive(NewLead request, Caller caller) {
        String referrerId = referrerOf(request, caller);
        Instant now = clock.instant();
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.status = LeadStatus.NEW;
        lead.source = request.source();
        lead.referrerId = referrerId;
        lead.customerName = request.customer().name().strip();
        lead.organisation = blankToNull(request.customer().organisation());
        lead.email = request.customer().email() == null ? null : CustomerRefs.normaliseEmail(request.customer().email());
        lead.phone = blankToNull(request.customer().phone());
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
        lead.createdBy = caller.personId();
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.persist();
        outbox.publish(EventCatalog.LEAD_RECEIVED, lead.id.toString(), new LeadReceived(
                lead.id, lead.source, lead.referrerId, lead.customerRef, lead.customerName, lead.organisation,
                lead.product,
                lead.estimatedValue == null ? null : new Money(lead.estimatedValue, lead.currency),
                lead.territory,
                lead.urgencyStatement == null ? null : new UrgencyClaim(lead.urgencyStatement, lead.urgencyDemandedBy),
                caller.personId(), now));
        return lead;
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
