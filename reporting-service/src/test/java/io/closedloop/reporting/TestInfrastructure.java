package io.closedloop.reporting;

import io.closedloop.stack.testing.InfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every {@code @QuarkusTest} of this module runs on the real PostgreSQL and Kafka of {@link InfrastructureResource}. */
@WithTestResource(value = InfrastructureResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
