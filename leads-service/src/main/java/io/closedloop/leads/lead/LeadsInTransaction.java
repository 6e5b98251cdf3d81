package io.closedloop.leads.lead;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What the current transaction knows about the leads it touches beyond their rows: which one it is taking in, their
 * open plan steps as it last read them, and the rows it read to write back. Kept with the transaction and gone when it
 * ends; outside a transaction nothing is kept. Not on the entity: with a {@code transient} field added to the
 * bytecode-enhanced {@link Lead}, its changes stopped reaching the database (a meeting's status change was lost at the
 * commit).
 */
@ApplicationScoped
public class LeadsInTransaction {

    /** One transaction's knowledge. */
    static final class Known {
        final Set<UUID> arriving = new HashSet<>();
        final Map<UUID, OpenSteps.Summary> openSteps = new HashMap<>();
        /** The rows of the leads read and locked as rows ({@code LeadRows}), as they were read. */
        final Map<UUID, Object[]> readAs = new HashMap<>();
    }

    private final TransactionSynchronizationRegistry transactions;

    LeadsInTransaction(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Whether this transaction is taking the lead in: it is not in the database yet, and nothing refers to it. */
    public boolean isArriving(Lead lead) {
        return known().map(k -> k.arriving.contains(lead.id)).orElse(false);
    }

    Optional<Known> known() {
        if (transactions.getTransactionKey() == null) {
            return Optional.empty();
        }
        Known known = (Known) transactions.getResource(Known.class);
        if (known == null) {
            known = new Known();
            transactions.putResource(Known.class, known);
        }
        return Optional.of(known);
    }
}
