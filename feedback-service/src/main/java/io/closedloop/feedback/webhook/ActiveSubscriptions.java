package io.closedloop.feedback.webhook;

import java.util.List;
import java.util.UUID;

import io.closedloop.platform.cache.Cached;
import io.closedloop.platform.cache.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Each person's active subscriptions and the notification types each wants, in memory: every notification asks, and
 * subscriptions change rarely. Whatever creates, removes, suspends or resumes one calls {@link #changed()} in its
 * transaction, which forgets them here at once and in the other replicas when it commits ({@link ReferenceData}).
 */
@ApplicationScoped
public class ActiveSubscriptions {

    /** An active subscription: its id and the types it wants (empty: all). */
    record Wanted(UUID subscriptionId, List<String> types) {

        boolean wants(String type) {
            return types.isEmpty() || types.contains(type);
        }
    }

    private static final String TOPIC = "feedback.subscriptions";

    private final ReferenceData reference;
    private final Cached<String, List<Wanted>> byOwner;

    ActiveSubscriptions(ReferenceData reference) {
        this.reference = reference;
        this.byOwner = reference.cache(TOPIC);
    }

    List<Wanted> of(String ownerId) {
        return byOwner.get(ownerId, owner -> Subscription.<Subscription>list("ownerId = ?1 and state = ?2", owner,
                        Subscription.State.ACTIVE).stream()
                .map(s -> new Wanted(s.id, List.copyOf(s.typeList()))).toList());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void changed() {
        byOwner.forget();
        reference.changed(TOPIC);
    }
}
