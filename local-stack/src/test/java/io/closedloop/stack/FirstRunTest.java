package io.closedloop.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer is handed by ./closedloop run: who the demo's people are, and a token each, ready to use. */
class FirstRunTest {

    @Test
    void every_demo_person_and_account_gets_a_token_of_their_role_readable_by_the_owner_only(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(LocalStack.TOKENS_FILE);
        LocalStack.writeTokens(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String> exported = Files.readAllLines(file).stream().filter(line -> line.startsWith("export "))
                .map(line -> line.substring("export ".length()).split("=", 2))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
        List<DemoData.Person> everyone = new java.util.ArrayList<>(DemoData.PEOPLE);
        everyone.addAll(DemoData.ACCOUNTS);
        assertThat(exported).hasSameSizeAs(everyone);
        for (DemoData.Person person : everyone) {
            JsonNode claims = claims(exported.get(person.tokenVariable()));
            assertThat(claims.path("sub").asText()).as(person.tokenVariable()).isEqualTo(person.id());
            assertThat(claims.path("groups").get(0).asText()).as(person.id() + "'s role").isEqualTo(person.role());
        }
        assertThat(everyone).extracting(DemoData.Person::role)
                .contains("referrer", "agent", "manager", "admin", "integrator");
    }

    @Test
    void the_banner_names_each_person_by_role_and_shows_a_referrer_and_a_manager_what_to_try() {
        String banner = LocalStack.people(8081, 8082, 8083);
        for (DemoData.Person person : DemoData.PEOPLE) {
            assertThat(banner).contains(person.id(), person.name(), "$" + person.tokenVariable());
        }
        assertThat(banner).contains("http://127.0.0.1:8082/inbox", "http://127.0.0.1:8083/scorecards?period=",
                "--role referrer|agent|manager|admin|integrator");
    }

    private static JsonNode claims(String token) throws Exception {
        assertThat(token).isNotBlank();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(payload);
    }
}
