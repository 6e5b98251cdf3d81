package io.closedloop.leads.api;

import static io.restassured.RestAssured.given;

import io.closedloop.stack.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiContractTest {

    @Test
    void the_served_api_is_the_committed_openapi_yaml() {
        String served = given().when().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        OpenApiContract.assertMatchesCommitted(served);
    }
}
