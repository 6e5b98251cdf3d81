package io.closedloop.platform.inbox;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

import jakarta.validation.constraints.NotNull;

/**
 * Checks that an event's record has every component its contract marks {@code @NotNull} (the annotation sits on
 * the accessor: it does not target record components), nested records included.
 * A consumer must not act on half an event.
 */
final class ContractCheck {

    /** A record component as the check reads it. */
    private record Component(String name, Method accessor, boolean required) {
    }

    /**
     * Each record class's components, looked up once: {@code getRecordComponents()} builds them anew on every call,
     * and a consumer checks every event it reads (a rebuild, a million).
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] read = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                read[i] = new Component(components[i].getName(), accessor, accessor.isAnnotationPresent(NotNull.class));
            }
            return read;
        }
    };

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
        for (Component component : COMPONENTS.get(record.getClass())) {
            Object componentValue;
            try {
                componentValue = component.accessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (componentValue == null) {
                if (component.required()) {
                    throw new PoisonEventException("Data of " + type + " lacks required field "
                            + (path.isEmpty() ? component.name() : path + "." + component.name()));
                }
            } else if (componentValue instanceof Record || componentValue instanceof Collection<?>) {
                check(componentValue, type, path.isEmpty() ? component.name() : path + "." + component.name());
            }
        }
    }
}
