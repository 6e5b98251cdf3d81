package io.closedloop.reporting.projection;

import java.util.List;

import io.closedloop.platform.inbox.InboxCleanup;
import jakarta.enterprise.context.ApplicationScoped;

/** The live read models keep the ids of the events they applied in their own schema: purged like any other inbox. */
@ApplicationScoped
class ReadModelInbox implements InboxCleanup.OtherInboxes {

    private final ReadModel readModel;

    ReadModelInbox(ReadModel readModel) {
        this.readModel = readModel;
    }

    @Override
    public List<String> tables() {
        return List.of(ReadModel.checked(readModel.live()) + ".inbox_event");
    }
}
