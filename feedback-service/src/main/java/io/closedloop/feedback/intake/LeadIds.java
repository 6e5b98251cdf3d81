package io.closedloop.feedback.intake;

import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.UUID;

/** The lead an event is about: its {@code leadId} component, when its contract has one. */
final class LeadIds {

    private static final ClassValue<Optional<RecordComponent>> COMPONENT = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("leadId") && component.getType() == UUID.class) {
                    return Optional.of(component);
                }
            }
            return Optional.empty();
        }
    };

    private LeadIds() {
    }

    static UUID of(Record event) {
        Optional<RecordComponent> component = COMPONENT.get(event.getClass());
        if (component.isEmpty()) {
            return null;
        }
        try {
            return (UUID) component.get().getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the lead id of " + event.getClass().getSimpleName(), e);
        }
    }
}
