package io.closedloop.reporting.referrer;

import io.closedloop.events.lead.LeadReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Keeps the referrer read model up to date, one event at a time, inside the consumer's transaction. */
@ApplicationScoped
public class ReferrerReporting {

    private final EntityManager entityManager;

    ReferrerReporting(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onLeadReceived(LeadReceived lead) {
        if (lead.referrerId() == null) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO referrer_report (referrer_id, referrals_sent, first_sent_at, last_sent_at)
                        VALUES (?1, 1, ?2, ?2)
                        ON CONFLICT (referrer_id) DO UPDATE SET
                            referrals_sent = referrer_report.referrals_sent + 1,
                            first_sent_at = least(referrer_report.first_sent_at, excluded.first_sent_at),
                            last_sent_at = greatest(referrer_report.last_sent_at, excluded.last_sent_at)""")
                .setParameter(1, lead.referrerId())
                .setParameter(2, lead.receivedAt())
                .executeUpdate();
    }
}
