package io.closedloop.feedback.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.complaint.ComplaintItemResolved;
import io.closedloop.events.complaint.ComplaintOpened;
import io.closedloop.events.complaint.ComplaintReopened;
import io.closedloop.events.complaint.ComplaintResolved;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.notification.NotificationType;
import io.closedloop.feedback.notification.Notifier;
import io.closedloop.feedback.satisfaction.SatisfactionLog;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Complaints taken item by item, resolved completely, measured by return visits, reopened by a low score. */
@ApplicationScoped
public class ComplaintService {

    private final Outbox outbox;
    private final Notifier notifier;
    private final Directory directory;
    private final SatisfactionLog satisfaction;
    private final FeedbackConfig config;
    private final Clock clock;

    ComplaintService(Outbox outbox, Notifier notifier, Directory directory, SatisfactionLog satisfaction,
                     FeedbackConfig config, Clock clock) {
        this.outbox = outbox;
        this.notifier = notifier;
        this.directory = directory;
        this.satisfaction = satisfaction;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint open(String customerRef, String customerName, UUID leadId, String ownerId, List<String> items,
                          String by) {
        Instant now = clock.instant();
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.customerRef = customerRef;
        complaint.customerName = customerName;
        complaint.leadId = leadId;
        complaint.ownerId = ownerId;
        complaint.teamId = directory.teamOf(ownerId);
        complaint.state = Complaint.State.OPEN;
        complaint.openedBy = by;
        complaint.openedAt = now;
        complaint.persist();
        for (String description : items) {
            addItem(complaint, description, now);
        }
        outbox.publish(EventCatalog.COMPLAINT_OPENED, complaint.id.toString(), new ComplaintOpened(complaint.id,
                customerRef, leadId, ownerId, complaint.teamId, items.size(), by, now));
        if (!ownerId.equals(by)) {
            notifier.notify(ownerId, NotificationType.COMPLAINT, "Complaint from " + customerName,
                    directory.nameOf(by) + " gave you a complaint from " + customerName + " with " + items.size()
                            + " item(s) to resolve.", Notifier.About.complaint(complaint.id));
        }
        return complaint;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ComplaintItem add(Complaint complaint, String description) {
        requireOpen(complaint);
        return addItem(complaint, description, clock.instant());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ComplaintItem resolve(Complaint complaint, UUID itemId, String action, String rootCause, String by) {
        requireOpen(complaint);
        ComplaintItem item = ComplaintItem.findById(itemId);
        if (item == null || !item.complaintId.equals(complaint.id)) {
            throw ProblemException.notFound("complaint item", itemId);
        }
        if (item.state == ComplaintItem.State.RESOLVED) {
            throw ProblemException.conflict("The item was already resolved at " + item.resolvedAt);
        }
        Instant now = clock.instant();
        item.state = ComplaintItem.State.RESOLVED;
        item.action = action;
        item.rootCause = rootCause;
        item.resolvedBy = by;
        item.resolvedAt = now;
        outbox.publish(EventCatalog.COMPLAINT_ITEM_RESOLVED, complaint.id.toString(), new ComplaintItemResolved(
                complaint.id, item.id, complaint.customerRef, complaint.ownerId, rootCause, by, now));
        List<ComplaintItem> items = items(complaint);
        if (ComplaintRules.allResolved(items.stream().map(i -> i.state).toList())) {
            complaint.state = Complaint.State.RESOLVED;
            complaint.resolvedAt = now;
            List<Instant> visits = visits(complaint).stream().map(v -> v.visitedAt).toList();
            outbox.publish(EventCatalog.COMPLAINT_RESOLVED, complaint.id.toString(), new ComplaintResolved(complaint.id,
                    complaint.customerRef, complaint.leadId, complaint.ownerId, complaint.teamId, items.size(),
                    visits.size(), ComplaintRules.resolvedOnFirstReturn(visits, now), complaint.openedAt, now));
        }
        return item;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public ReturnVisit visit(Complaint complaint, Instant visitedAt, String note, String by) {
        requireOpen(complaint);
        Instant now = clock.instant();
        if (visitedAt.isAfter(now.plusSeconds(300))) {
            throw ProblemException.invalid("visitedAt", "must not be in the future");
        }
        if (visitedAt.isBefore(complaint.openedAt)) {
            throw ProblemException.invalid("visitedAt", "must not be before the complaint was opened");
        }
        ReturnVisit visit = new ReturnVisit();
        visit.id = UUID.randomUUID();
        visit.complaintId = complaint.id;
        visit.visitedAt = visitedAt;
        visit.note = note;
        visit.recordedBy = by;
        visit.recordedAt = now;
        visit.persist();
        return visit;
    }

    /** The customer's satisfaction with the resolution; a low score reopens the complaint with a new item. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Complaint rate(Complaint complaint, int score, String comment, String by) {
        if (complaint.state != Complaint.State.RESOLVED) {
            throw ProblemException.conflict("Satisfaction is recorded once every item is resolved");
        }
        satisfaction.record(complaint.customerRef, score, comment, complaint.id, complaint.leadId, complaint.ownerId,
                complaint.teamId, by);
        if (ComplaintRules.reopens(score, config.complaints().reopenBelow())) {
            Instant now = clock.instant();
            complaint.state = Complaint.State.OPEN;
            complaint.resolvedAt = null;
            complaint.reopenedCount++;
            String reason = "Customer still dissatisfied (" + score + "/5)" + (comment == null ? "" : ": " + comment);
            addItem(complaint, reason, now);
            outbox.publish(EventCatalog.COMPLAINT_REOPENED, complaint.id.toString(), new ComplaintReopened(complaint.id,
                    complaint.customerRef, complaint.ownerId, complaint.teamId, reason, score, now));
            notifier.notify(complaint.ownerId, NotificationType.COMPLAINT, "Complaint reopened: " + complaint.customerName,
                    reason + ".", Notifier.About.complaint(complaint.id));
        }
        return complaint;
    }

    public List<ComplaintItem> items(Complaint complaint) {
        return ComplaintItem.list("complaintId = ?1 order by position", complaint.id);
    }

    public List<ReturnVisit> visits(Complaint complaint) {
        return ReturnVisit.list("complaintId = ?1 order by visitedAt", complaint.id);
    }

    private ComplaintItem addItem(Complaint complaint, String description, Instant now) {
        ComplaintItem item = new ComplaintItem();
        item.id = UUID.randomUUID();
        item.complaintId = complaint.id;
        item.position = (int) ComplaintItem.count("complaintId", complaint.id);
        item.description = description;
        item.state = ComplaintItem.State.OPEN;
        item.addedAt = now;
        item.persist();
        ComplaintItem.getEntityManager().flush();
        return item;
    }

    private static void requireOpen(Complaint complaint) {
        if (complaint.state != Complaint.State.OPEN) {
            throw ProblemException.conflict("The complaint is resolved; a low satisfaction score reopens it");
        }
    }
}
