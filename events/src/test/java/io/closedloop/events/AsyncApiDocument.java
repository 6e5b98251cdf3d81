package io.closedloop.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI 3.1 document of the topics, made from {@link EventCatalog}: a channel per topic with a message per
 * event type, each with the CloudEvents headers it travels with (binary content mode), the record key, and its
 * payload by reference to the committed JSON Schema. Generated, so it cannot drift from the catalog.
 */
final class AsyncApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Who writes each topic, and who reads it. */
    private static final Map<String, String> TOPICS = Map.of(
            Topics.LEADS, "Published by leads-service: leads taken in, assigned, acknowledged, worked, met and closed, "
                    + "and every SLA step. Read by feedback-service and reporting-service.",
            Topics.FEEDBACK, "Published by feedback-service: loops opened, echoed, overdue, escalated, closed and "
                    + "confirmed; complaints and satisfaction. Read by reporting-service.",
            Topics.REPORTING, "Published by reporting-service: daily claims as submitted. Read by reporting-service "
                    + "(its read models are rebuilt from the topics).",
            Topics.EVIDENCE, "Written by integrators (systems of record: telephony, calendar, geo check-ins, surveys) "
                    + "directly or through POST /evidence of reporting-service, with ce_source /integrators/<id>. "
                    + "Read by reporting-service, which counts evidence only under the source names bound to the "
                    + "integrator.");

    private AsyncApiDocument() {
    }

    static ObjectNode generate(String version) {
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Closed Loop events");
        info.put("version", version);
        info.put("description", "The CloudEvents 1.0 the services exchange over Kafka, in binary content mode: the event "
                + "attributes travel as ce_-prefixed record headers, the record value is the event data (JSON) and the "
                + "record key is the id of the aggregate the event is about, so one aggregate's events stay in order "
                + "in one partition. Each data schema is the committed JSON Schema whose $id is the event's "
                + "dataschema.");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        document.put("defaultContentType", CloudEventHeaders.CONTENT_TYPE_VALUE);
        ObjectNode servers = document.putObject("servers");
        servers.putObject("local").put("host", "127.0.0.1:19092").put("protocol", "kafka")
                .put("description", "The local run's broker (./closedloop run)");
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode messages = NODES.objectNode();
        for (String topic : List.of(Topics.LEADS, Topics.FEEDBACK, Topics.REPORTING, Topics.EVIDENCE)) {
            String channelName = topic.replace('.', '-');
            ObjectNode channel = channels.putObject(channelName);
            channel.put("address", topic);
            channel.put("description", TOPICS.get(topic));
            ObjectNode channelMessages = channel.putObject("messages");
            ArrayNode operationMessages = NODES.arrayNode();
            for (EventType<?> type : EventCatalog.all().stream().filter(t -> t.topic().equals(topic)).toList()) {
                String name = type.type().replace("io.closedloop.", "").replace('.', '-');
                channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
                operationMessages.addObject().put("$ref", "#/channels/" + channelName + "/messages/" + name);
                messages.set(name, message(type));
            }
            ObjectNode operation = operations.putObject("publish-" + channelName);
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + channelName);
            operation.put("summary", "Events published on " + topic);
            operation.set("messages", operationMessages);
        }
        ObjectNode components = document.putObject("components");
        components.set("messages", messages);
        return document;
    }

    private static ObjectNode message(EventType<?> type) {
        ObjectNode message = NODES.objectNode();
        message.put("name", type.type());
        message.put("title", type.dataType().getSimpleName());
        message.put("summary", type.type() + ", about the " + type.aggregate() + " named by the record key");
        message.put("contentType", CloudEventHeaders.CONTENT_TYPE_VALUE);
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        ArrayNode required = headers.putArray("required");
        ObjectNode properties = headers.putObject("properties");
        header(properties, required, CloudEventHeaders.SPEC_VERSION, "CloudEvents version", true)
                .put("const", CloudEventHeaders.SPEC_VERSION_VALUE);
        header(properties, required, CloudEventHeaders.ID, "Unique per event; consumers de-duplicate on it", true);
        header(properties, required, CloudEventHeaders.SOURCE,
                "/<service> for the services' events, /integrators/<id> for evidence from an integrator", true);
        header(properties, required, CloudEventHeaders.TYPE, "The event type", true).put("const", type.type());
        header(properties, required, CloudEventHeaders.TIME, "When it happened, RFC 3339", true).put("format", "date-time");
        header(properties, required, CloudEventHeaders.SUBJECT, "What it is about, when not only the aggregate", false);
        header(properties, required, CloudEventHeaders.DATA_SCHEMA, "The data's JSON Schema ($id)", false)
                .put("const", type.schemaUri());
        header(properties, required, CloudEventHeaders.CONTENT_TYPE, "The data's media type", true)
                .put("const", CloudEventHeaders.CONTENT_TYPE_VALUE);
        message.putObject("payload").put("$ref", "src/main/resources/" + type.schemaPath());
        ObjectNode key = message.putObject("bindings").putObject("kafka");
        key.putObject("key").put("type", "string").put("description", "The id of the " + type.aggregate()
                + " the event is about");
        key.put("bindingVersion", "0.5.0");
        return message;
    }

    private static ObjectNode header(ObjectNode properties, ArrayNode required, String name, String description,
                                     boolean mandatory) {
        if (mandatory) {
            required.add(name);
        }
        return properties.putObject(name).put("type", "string").put("description", description);
    }
}
