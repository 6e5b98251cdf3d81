package io.closedloop.platform.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Schema references throughout a document: rewritten when schemas are renamed, followed to drop unused ones. */
final class SchemaRefs {

    private SchemaRefs() {
    }

    /**
     * Removes every component schema that no operation reaches (through its parameters, body, responses and their
     * headers, and the schemas those refer to): a class that carries an annotation is scanned whether or not the
     * service uses it.
     */
    static void dropUnreachable(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null || openAPI.getPaths() == null) {
            return;
        }
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<Schema> pending = new java.util.ArrayDeque<>();
        java.util.function.Consumer<Content> fromContent = content -> {
            if (content != null && content.getMediaTypes() != null) {
                content.getMediaTypes().values().forEach(type -> push(pending, type.getSchema()));
            }
        };
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> push(pending, p.getSchema()));
            }
            for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> push(pending, p.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    fromContent.accept(operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        fromContent.accept(response.getContent());
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(h -> push(pending, h.getSchema()));
                        }
                    }
                }
            }
        }
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(r -> fromContent.accept(r.getContent()));
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (reached.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> push(pending, p));
            }
            push(pending, schema.getItems());
            push(pending, schema.getAdditionalPropertiesSchema());
            for (java.util.List<Schema> many : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
                if (many != null) {
                    many.forEach(s -> push(pending, s));
                }
            }
        }
        for (String name : java.util.List.copyOf(schemas.keySet())) {
            if (!reached.contains(name)) {
                openAPI.getComponents().removeSchema(name);
            }
        }
    }

    private static void push(java.util.Deque<Schema> pending, Schema schema) {
        if (schema != null) {
            pending.push(schema);
        }
    }

    static void rewrite(OpenAPI openAPI, Map<String, String> renamed) {
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(schema -> rewrite(schema, renamed));
        }
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(response -> rewrite(response.getContent(), renamed));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null) {
                    rewrite(operation.getRequestBody().getContent(), renamed);
                }
                if (operation.getResponses() != null) {
                    for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                        rewrite(response.getContent(), renamed);
                    }
                }
            }
        }
    }

    private static void rewrite(Content content, Map<String, String> renamed) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType type : content.getMediaTypes().values()) {
            rewrite(type.getSchema(), renamed);
        }
    }

    private static void rewrite(Schema schema, Map<String, String> renamed) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && renamed.containsKey(schema.getRef())) {
            schema.setRef(renamed.get(schema.getRef()));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> rewrite(p, renamed));
        }
        rewrite(schema.getItems(), renamed);
        rewrite(schema.getAdditionalPropertiesSchema(), renamed);
        for (java.util.List<Schema> many : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (many != null) {
                many.forEach(s -> rewrite(s, renamed));
            }
        }
    }
}
