package io.closedloop.feedback;

import io.closedloop.feedback.support.SmtpServer;
import io.closedloop.stack.testing.InfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs on the real PostgreSQL and Kafka of {@link InfrastructureResource},
 * and sends its e-mail to the real SMTP server of {@link SmtpServer}.
 */
@WithTestResource(value = InfrastructureResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpServer.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
