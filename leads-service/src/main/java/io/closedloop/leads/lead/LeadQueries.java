package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.people.Person;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * Reading leads: filtered lists in creation order or by what is due first, with cursor pagination, and only ever
 * the leads the caller may see (the same rules as {@link LeadAccess}, applied in SQL), each in the caller's view.
 */
@ApplicationScoped
public class LeadQueries {

    public enum Sort { CREATED, DUE }

    public record Filter(Set<LeadStatus> statuses, String ownerId, String teamId, String referrerId, boolean overdueOnly,
                         Sort sort, String cursor, int limit) {
    }

    public record Page(List<LeadRepresentation> items, String nextCursor) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    LeadQueries(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public Page list(LeadAccess.Viewer viewer, Filter filter) {
        Instant now = clock.instant();
        Cursor cursor = Cursor.decode(filter.cursor(), filter.sort());
        LeadListing.Statement statement = LeadListing.pageIds(viewer, filter, cursor, now, filter.limit() + 1);
        if (statement == null) {
            return new Page(List.of(), null);
        }
        NativeQuery<UUID> pageIds = entityManager.unwrap(Session.class).createNativeQuery(statement.sql(), UUID.class);
        statement.parameters().forEach(pageIds::setParameter);
        List<Lead> rows = inOrder(pageIds.getResultList());
        boolean more = rows.size() > filter.limit();
        List<Lead> page = more ? rows.subList(0, filter.limit()) : rows;
        String next = null;
        if (more) {
            Lead last = page.getLast();
            next = new Cursor(filter.sort() == Sort.DUE ? last.nextDueAt : last.createdAt, last.id).encode(filter.sort());
        }
        return new Page(views(viewer, page, now), next);
    }

    /** The leads of {@code ids}, in that order. */
    private List<Lead> inOrder(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Lead> byId = new HashMap<>();
        entityManager.createQuery("select l from Lead l where l.id in :ids", Lead.class).setParameter("ids", ids)
                .getResultList().forEach(lead -> byId.put(lead.id, lead));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** An agent's queue: their own open leads and their team's unassigned ones, what is due first on top. */
    public Page queue(LeadAccess.Viewer viewer, String cursor, int limit) {
        LeadAccess.Viewer ownWork = new LeadAccess.Viewer(
                new Caller(viewer.personId(), Set.of(Roles.AGENT)), viewer.teamId(), Set.of());
        return list(ownWork, new Filter(Set.of(LeadStatus.NEW, LeadStatus.ASSIGNED, LeadStatus.ACKNOWLEDGED,
                LeadStatus.CONTACTED, LeadStatus.MEETING_SCHEDULED, LeadStatus.QUALIFIED), null, null, null, false,
                Sort.DUE, cursor, limit));
    }

    private List<LeadRepresentation> views(LeadAccess.Viewer viewer, List<Lead> leads, Instant now) {
        if (leads.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = leads.stream().map(l -> l.id).toList();
        Map<UUID, Set<String>> stepAssignees = new HashMap<>();
        entityManager.createQuery("select s.leadId, s.assigneeId from PlanStep s where s.leadId in :ids "
                        + "and s.state = io.closedloop.leads.plan.PlanStep.State.OPEN", Object[].class)
                .setParameter("ids", ids).getResultList()
                .forEach(r -> stepAssignees.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((String) r[1]));
        Set<String> owners = new HashSet<>();
        leads.forEach(l -> {
            if (l.ownerId != null) {
                owners.add(l.ownerId);
            }
        });
        Map<String, String> names = new HashMap<>();
        if (!owners.isEmpty()) {
            Person.<Person>list("id in ?1", owners).forEach(p -> names.put(p.id, p.name));
        }
        List<LeadRepresentation> views = new ArrayList<>(leads.size());
        for (Lead lead : leads) {
            LeadAccess.View view = LeadAccess.view(viewer, new LeadAccess.LeadFacts(lead.ownerId, lead.teamId,
                    lead.referrerId, stepAssignees.getOrDefault(lead.id, Set.of())));
            String ownerName = lead.ownerId == null ? null : names.getOrDefault(lead.ownerId, lead.ownerId);
            views.add(view == LeadAccess.View.FULL ? LeadView.of(lead, ownerName, now) : ReferrerLeadView.of(lead, ownerName));
        }
        return views;
    }

    /** Where a page ended: the sort key and id of its last lead, opaque to clients. */
    record Cursor(Instant at, UUID id) {

        String encode(Sort sort) {
            String raw = sort.name() + "|" + at + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, Sort sort) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 3 || !parts[0].equals(sort.name())) {
                    throw new IllegalArgumentException("cursor of another listing");
                }
                return new Cursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this listing returned (with this sort)");
            }
        }
    }
}
