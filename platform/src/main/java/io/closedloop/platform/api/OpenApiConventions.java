package io.closedloop.platform.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.platform.export.CsvWriter;
import io.closedloop.platform.problem.ProblemType;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation of every service shares, written into the OpenAPI document once rather than on each method:
 * the problem details every error is answered with, the error answers an operation can give (derived from what the
 * platform does to every request, see {@link ErrorAnswers}), the bearer scheme with the roles explained in words and
 * each operation's roles in its description (not as OAuth scopes, which a JWT bearer scheme does not have), and the
 * servers.
 */
public class OpenApiConventions implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_VIOLATION = "FieldViolation";
    static final String SCHEME = "SecurityScheme";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(FIELD_VIOLATION, fieldViolation());
        components.addSchema(PROBLEM, problem());
        java.util.Set<ProblemType> used = java.util.EnumSet.noneOf(ProblemType.class);
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description(ROLES_EXPLAINED));
        renamePages(openAPI);
        if (openAPI.getServers() != null) {
            openAPI.getServers().forEach(server -> server.setDescription(
                    "The local run (./closedloop run); in production, the address your ingress gives the service"));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                used.addAll(conventions(path.getValue(), entry.getKey(), entry.getValue()));
                describeCsv(entry.getValue());
            }
        }
        for (ProblemType type : ErrorAnswers.DOCUMENTED) {
            if (used.contains(type)) {
                components.addResponse(ErrorAnswers.name(type), errorResponse(type));
            }
        }
        SchemaRefs.dropUnreachable(openAPI);
    }

    /** A report offered as CSV too: the CSV is text with a header row, not the JSON object's schema. */
    private static void describeCsv(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            var csv = response.getContent() == null ? null : response.getContent().getMediaType(CsvWriter.TEXT_CSV);
            if (csv != null) {
                csv.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(
                        "RFC 4180 CSV in UTF-8 with a byte-order mark: a header row, then one row per item, with the "
                                + "figures of the JSON answer; text a spreadsheet would run as a formula starts with '"));
            }
        }
    }

    /** Applies the conventions to one operation; returns the error answers it was given. */
    private static List<ProblemType> conventions(PathItem item, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        for (Parameter parameter : parameters) {
            if (parameter.getDescription() == null && parameter.getIn() == Parameter.In.QUERY) {
                if ("cursor".equals(parameter.getName())) {
                    parameter.setDescription("The nextCursor of the previous page; absent for the first page");
                } else if ("limit".equals(parameter.getName())) {
                    parameter.setDescription("The most items on one page");
                }
            }
        }
        ErrorAnswers.Shape shape = new ErrorAnswers.Shape(method.name(), operation.getRequestBody() != null,
                parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH),
                parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName())),
                parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY));
        Map<String, APIResponse> existing = operation.getResponses() == null ? Map.of()
                : new LinkedHashMap<>(operation.getResponses().getAPIResponses());
        for (String code : existing.keySet()) {
            if (code.startsWith("4") || code.startsWith("5")) {
                operation.getResponses().removeAPIResponse(code);
            }
        }
        List<ProblemType> errors = ErrorAnswers.of(shape);
        for (ProblemType type : errors) {
            operation.getResponses().addAPIResponse(Integer.toString(type.status()),
                    OASFactory.createAPIResponse().ref(ErrorAnswers.name(type)));
        }
        Set<String> roles = new LinkedHashSet<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                requirement.getSchemes().values().forEach(roles::addAll);
            }
        }
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        if (!roles.isEmpty()) {
            String who = "Roles: " + String.join(", ", roles) + ".";
            String description = operation.getDescription();
            operation.setDescription(description == null || description.isBlank() ? who : description.strip() + "\n\n" + who);
            operation.addExtension("x-roles", List.copyOf(roles));
        }
        return errors;
    }

    /**
     * {@code Page<MeetingView>} is named {@code PageMeetingView} by the scanner, after the Java class; a client
     * should read {@code MeetingPage}, after the items' own schema name.
     */
    private static void renamePages(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> entry : new LinkedHashMap<>(schemas).entrySet()) {
            Schema items = entry.getValue().getProperties() == null ? null
                    : entry.getValue().getProperties().get("items");
            if (!entry.getKey().startsWith("Page") || items == null || items.getItems() == null
                    || items.getItems().getRef() == null) {
                continue;
            }
            String item = items.getItems().getRef().substring(items.getItems().getRef().lastIndexOf('/') + 1);
            String name = item + "Page";
            renamed.put(REF + entry.getKey(), REF + name);
            openAPI.getComponents().removeSchema(entry.getKey());
            openAPI.getComponents().addSchema(name, entry.getValue().description("A page of " + item + " items"));
        }
        if (renamed.isEmpty()) {
            return;
        }
        SchemaRefs.rewrite(openAPI, renamed);
    }

    static final String REF = "#/components/schemas/";

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, served as application/problem+json. Other members may carry "
                        + "what a client needs to act, e.g. existingLeadId on a likely duplicate.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("What kind of problem: one of the types under https://closedloop.io/problems/ "
                                + "listed in the README")
                        .examples(List.of("https://closedloop.io/problems/validation")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The same for every problem of this type").examples(List.of("The request is not valid")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status").examples(List.of(400)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong with this request, for a person").examples(List.of(
                                "customer.email must be a well-formed email address")))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The path of the request").examples(List.of("/leads")))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Each bad field of the request, for validation problems")
                        .items(OASFactory.createSchema().ref(FIELD_VIOLATION)))
                .addProperty("reference", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("For an internal error: the reference to quote to the operators"))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static Schema fieldViolation() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One bad field of a request")
                .addRequired("field").addRequired("message")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("Where the value is, as a JSON path, or the query parameter's name")
                        .examples(List.of("items[2].title")))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong with it").examples(List.of("must not be blank")));
    }

    private static APIResponse errorResponse(ProblemType type) {
        return OASFactory.createAPIResponse().description(ErrorAnswers.describe(type))
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    static final String ROLES_EXPLAINED = """
            A JWT bearer token from the identity provider. Its subject (sub) is the caller's person id; its groups are \
            the caller's roles: referrer (passes leads and instructions on; sees what they passed on), agent (works \
            leads and complaints), manager (assigns and watches a team), admin (everything), integrator (a system of \
            record sending evidence; no person behind it). Each operation names the roles it accepts.""";
}
