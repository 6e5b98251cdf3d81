package io.closedloop.platform.config;

import io.closedloop.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;

/** Maps the contract's topic names (see {@link Topics}) to the names configured for this deployment. */
@ApplicationScoped
public class TopicNames {

    private final PlatformConfig.Topics topics;

    TopicNames(PlatformConfig config) {
        this.topics = config.topics();
    }

    public String resolve(String contractTopic) {
        return switch (contractTopic) {
            case Topics.LEADS -> topics.leads();
            case Topics.FEEDBACK -> topics.feedback();
            case Topics.REPORTING -> topics.reporting();
            case Topics.EVIDENCE -> topics.evidence();
            default -> throw new IllegalArgumentException("Not a topic of the contract: " + contractTopic);
        };
    }

    public String deadLetters() {
        return topics.deadLetters();
    }
}
