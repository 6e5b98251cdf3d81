package io.closedloop.feedback.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.closedloop.platform.cache.Cached;
import io.closedloop.platform.cache.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Each person's way of hearing, in memory: every notification asks, and people change it rarely. A change forgets it
 * here at once and in the other replicas when it commits ({@link ReferenceData}).
 */
@ApplicationScoped
public class Preferences {

    /** What the outlet needs of a preference. */
    record Wanted(Preference.Delivery delivery, Optional<ZoneId> zone) {

        static final Wanted INBOX_ONLY = new Wanted(Preference.Delivery.INBOX, Optional.empty());
    }

    private static final String TOPIC = "feedback.mail-preferences";

    private final ReferenceData reference;
    private final Cached<String, Wanted> byPerson;

    Preferences(ReferenceData reference) {
        this.reference = reference;
        this.byPerson = reference.cache(TOPIC);
    }

    Wanted of(String personId) {
        return byPerson.get(personId, id -> Preference.<Preference>findByIdOptional(id)
                .map(p -> new Wanted(p.delivery, Optional.ofNullable(p.timeZone).map(ZoneId::of)))
                .orElse(Wanted.INBOX_ONLY));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Preference set(String personId, Preference.Delivery delivery, String timeZone, int digestHour, Instant now) {
        Preference preference = Preference.<Preference>findByIdOptional(personId).orElseGet(() -> {
            Preference created = new Preference();
            created.personId = personId;
            // A first digest tells what comes from now on, not the whole history of the inbox.
            created.lastDigestAt = now;
            return created;
        });
        if (delivery == Preference.Delivery.DIGEST && preference.delivery != Preference.Delivery.DIGEST) {
            preference.lastDigestAt = now;
        }
        preference.delivery = delivery;
        preference.timeZone = timeZone;
        preference.digestHour = digestHour;
        preference.updatedAt = now;
        preference.persist();
        byPerson.forget();
        reference.changed(TOPIC);
        return preference;
    }
}
