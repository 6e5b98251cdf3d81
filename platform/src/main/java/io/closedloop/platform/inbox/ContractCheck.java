package io.closedloop.platform.inbox;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

import jakarta.validation.constraints.NotNull;

/**
 * Checks that an event's record has every component its contract marks {@code @NotNull} (the annotation sits on
 * the accessor: it does not target record components), nested records included.
 * A consumer must not act on half an event.
 */
final class ContractCheck {

    private ContractCheck() {
    }

    static void requireComplete(Record value, String type) {
        check(value, type, "");
    }

    private static void check(Object value, String type, String path) {
        if (!(value instanceof Record record)) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    check(item, type, path + "[" + i++ + "]");
                }
            }
            return;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object componentValue;
            try {
                componentValue = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String componentPath = path.isEmpty() ? component.getName() : path + "." + component.getName();
            if (componentValue == null) {
                if (component.getAccessor().isAnnotationPresent(NotNull.class)) {
                    throw new PoisonEventException("Data of " + type + " lacks required field " + componentPath);
                }
            } else {
                check(componentValue, type, componentPath);
            }
        }
    }
}
