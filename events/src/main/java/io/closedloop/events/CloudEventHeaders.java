package io.closedloop.events;

/**
 * CloudEvents 1.0 in Kafka <em>binary</em> content mode: the event attributes travel as {@code ce_}-prefixed record
 * headers, the record value is the event data alone (a JSON document) and the record key is the id of the aggregate
 * the event is about, so all events of one aggregate land in one partition, in order.
 *
 * <p>Binary mode keeps the value a plain payload that any consumer can read without an envelope, and lets
 * consumers route on the type header without parsing the value.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /**
     * The JSON Schema of the data, an absolute URI as CloudEvents 1.0 requires:
     * {@code https://closedloop.io/schemas/<type>.schema.json}, the {@code $id} of the schema committed under
     * {@code events/src/main/resources/schemas/<type>.schema.json} (see {@link #dataSchema(String)}).
     */
    public static final String DATA_SCHEMA = "ce_dataschema";

    /** Where every event's data schema is identified; the rest of the URI is the type's file name. */
    public static final String SCHEMA_BASE = "https://closedloop.io/";

    /** The data schema URI of an event type: the {@code $id} of its committed JSON Schema. */
    public static String dataSchema(String type) {
        return SCHEMA_BASE + "schemas/" + type + ".schema.json";
    }
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }
}
