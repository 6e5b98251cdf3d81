package io.closedloop.e2e.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.closedloop.e2e.ops.Commands;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI documents pass Spectral's OpenAPI rules under the committed ruleset ({@code .spectral.yaml})
 * with no error, warning, information or hint at all, and keep the conventions a client relies on that no linter
 * knows: every collection is a page, every error answer is problem details, every operation names its roles.
 */
class ApiDocumentsIT {

    private static final Path HOME = Commands.home();
    private static final Path CHECK = HOME.resolve("deploy/check");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void spectral_finds_nothing_in_any_document() throws Exception {
        Path node = Commands.require("node", "Node.js 18 or newer runs Spectral (deploy/check)");
        if (!Files.isRegularFile(CHECK.resolve("node_modules/.package-lock.json"))) {
            Path npm = Commands.require("npm", "npm installs Spectral (npm ci in deploy/check)");
            Commands.succeed(CHECK, Duration.ofMinutes(5), List.of(npm.toString(), "ci", "--no-audit", "--no-fund"));
        }
        Path spectral = CHECK.resolve("node_modules/@stoplight/spectral-cli/dist/index.js");
        assertThat(spectral).as("Spectral's command line in deploy/check").isRegularFile();
        for (String service : Suite.SERVICES) {
            Commands.Result result = Commands.run(HOME, Duration.ofMinutes(2), List.of(node.toString(), spectral.toString(),
                    "lint", service + "/openapi.yaml", "--ruleset", ".spectral.yaml", "--format", "json",
                    "--fail-severity", "hint", "--quiet"));
            String json = result.output().substring(Math.max(0, result.output().indexOf('[')));
            JsonNode findings = new ObjectMapper().readTree(json);
            assertThat(findings.isArray()).as("Spectral's report for " + service + ":\n" + result.output()).isTrue();
            List<String> described = new ArrayList<>();
            findings.forEach(f -> described.add(f.path("code").asText() + " at " + f.path("path") + ": "
                    + f.path("message").asText()));
            assertThat(described).as(service + "/openapi.yaml").isEmpty();
            assertThat(result.exit()).as("Spectral's exit status for " + service).isZero();
        }
    }

    @Test
    void every_operation_has_an_id_roles_typed_success_and_problem_errors_and_every_list_is_a_page() throws Exception {
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (String service : Suite.SERVICES) {
            JsonNode document = YAML.readTree(HOME.resolve(service + "/openapi.yaml").toFile());
            assertThat(document.path("servers")).as(service + " servers").isNotEmpty();
            var paths = document.path("paths").fields();
            while (paths.hasNext()) {
                var path = paths.next();
                var methods = path.getValue().fields();
                while (methods.hasNext()) {
                    var method = methods.next();
                    if (!List.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                        continue;
                    }
                    operations++;
                    JsonNode operation = method.getValue();
                    String name = service + " " + method.getKey().toUpperCase() + " " + path.getKey();
                    assertThat(ids.add(operation.path("operationId").asText())).as(name + " has a unique operationId")
                            .isTrue();
                    assertThat(operation.path("x-roles")).as(name + " names its roles").isNotEmpty();
                    assertThat(operation.path("security").get(0).path("SecurityScheme")).as(name + ": no scopes")
                            .isEmpty();
                    var responses = operation.path("responses").fields();
                    boolean success = false;
                    while (responses.hasNext()) {
                        var response = responses.next();
                        if (response.getKey().startsWith("2")) {
                            success = true;
                            JsonNode schema = response.getValue().path("content").path("application/json").path("schema");
                            if (!response.getKey().equals("204")) {
                                assertThat(schema.isMissingNode() || schema.isEmpty()).as(name + " " + response.getKey()
                                        + " has a typed body").isFalse();
                                assertThat(schema.path("type").asText()).as(name + ": a collection is a page, not a "
                                        + "bare array").isNotEqualTo("array");
                            }
                        } else {
                            assertThat(response.getValue().path("$ref").asText()).as(name + " " + response.getKey()
                                    + " is a problem answer").startsWith("#/components/responses/");
                        }
                    }
                    assertThat(success).as(name + " documents its success").isTrue();
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(68);
    }
}
