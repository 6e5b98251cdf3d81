package io.closedloop.feedback.api;

import static io.closedloop.feedback.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.closedloop.feedback.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every creating POST honours Idempotency-Key the same way, and no request builds more than its contract allows:
 * collections are cut off at their size before their items exist, dates stay within years 1 to 9999, and query
 * parameters are the operation's own, of their types.
 */
@QuarkusTest
class IdempotencyAndBoundsTest {

    private static String complaint(String customer, String item) {
        return "{\"customerRef\":\"" + customer + "\",\"customerName\":\"Rye\",\"items\":[{\"description\":\"" + item + "\"}]}";
    }

    @Test
    void a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing_more() {
        String ann = Api.unique("ann");
        String customer = "ref:" + Api.unique("RYE");
        String first = as(ann, "agent").header("Idempotency-Key", "k-1").body(complaint(customer, "Late"))
                .post("/complaints").then().statusCode(201).header("Idempotency-Replayed", org.hamcrest.Matchers.nullValue())
                .extract().path("id");
        String location = as(ann, "agent").header("Idempotency-Key", "k-1").body(complaint(customer, "Late"))
                .post("/complaints").then().statusCode(201).header("Idempotency-Replayed", "true")
                .body("id", equalTo(first)).extract().header("Location");
        assertThat(location).endsWith("/complaints/" + first);
        as(ann, "agent").header("Idempotency-Key", "k-1").body(complaint(customer, "Broken"))
                .post("/complaints").then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("Idempotency-Key 'k-1' was used for a different request"));
        // The key is the caller's: another person's k-1 is another request.
        as(Api.unique("bob"), "agent").header("Idempotency-Key", "k-1").body(complaint(customer, "Late"))
                .post("/complaints").then().statusCode(201).header("Idempotency-Replayed", org.hamcrest.Matchers.nullValue());
        as(ann, "agent").get("/complaints?customerRef=" + customer).then().statusCode(200).body("items.size()", equalTo(1));
        as(ann, "agent").header("Idempotency-Key", "bad key with spaces").body(complaint(customer, "Late"))
                .post("/complaints").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void the_same_key_sent_at_once_from_many_threads_creates_one_complaint() throws Exception {
        String ann = Api.unique("ann");
        String customer = "ref:" + Api.unique("RYE");
        int together = 8;
        CyclicBarrier start = new CyclicBarrier(together);
        ExecutorService pool = Executors.newFixedThreadPool(together);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < together; i++) {
            ids.add(pool.submit(() -> {
                start.await();
                return as(ann, "agent").header("Idempotency-Key", "once").body(complaint(customer, "Late"))
                        .post("/complaints").then().statusCode(201).extract().<String>path("id");
            }));
        }
        pool.shutdown();
        List<String> answered = new ArrayList<>();
        for (Future<String> id : ids) {
            answered.add(id.get());
        }
        assertThat(answered).containsOnly(answered.getFirst());
        as(ann, "agent").get("/complaints?customerRef=" + customer).then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void a_collection_is_refused_at_its_size_before_its_items_are_built() {
        String ann = Api.unique("ann");
        String items = "{\"description\":\"x\"},".repeat(40_000) + "{\"description\":\"x\"}";
        as(ann, "agent").body("{\"customerRef\":\"ref:big\",\"customerName\":\"Big\",\"items\":[" + items + "]}")
                .post("/complaints").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("items")).body("errors[0].message", equalTo("must have at most 50 items"));
        as(ann, "agent").body("{\"customerRef\":\"ref:big\",\"customerName\":\"Big\",\"items\":[" + "{},".repeat(50_000) + "{}]}")
                .post("/complaints").then().statusCode(400).body("errors[0].field", equalTo("items"));
        // And the service carries on.
        as(ann, "agent").body(complaint("ref:" + Api.unique("OK"), "Fine")).post("/complaints").then().statusCode(201);
    }

    @Test
    void dates_beyond_the_year_9999_and_unknown_or_mistyped_query_parameters_are_the_callers_mistake() {
        String ann = Api.unique("ann");
        as(ann, "agent").queryParam("since", "+999999999-12-31T23:59:59Z").get("/inbox").then().statusCode(400)
                .body("errors[0].field", equalTo("since"))
                .body("errors[0].message", equalTo("must lie between the years 1 and 9999"));
        as(ann, "agent").queryParam("limit", "abc").get("/inbox").then().statusCode(400)
                .body("errors[0].message", equalTo("must be a whole number"));
        as(ann, "agent").queryParam("state", "opened").get("/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("state")).body("errors[0].message", startsWith("must be one of"));
        as(ann, "agent").queryParam("colour", "red").get("/inbox").then().statusCode(400)
                .body("errors[0].message", equalTo("is not a parameter of this operation; it takes cursor, limit, since"));
        as("root", "admin").body("{\"ownerId\":\"" + ann + "\",\"subject\":\"x\",\"dueAt\":\"+999999999-12-31T23:59:59Z\"}")
                .post("/loops").then().statusCode(400).body("errors[0].field", equalTo("dueAt"));
    }
}
