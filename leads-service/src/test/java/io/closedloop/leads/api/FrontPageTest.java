package io.closedloop.leads.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A person who opens the service's address in a browser finds the API's documentation, not a 404. */
@QuarkusTest
class FrontPageTest {

    @Test
    void the_root_redirects_to_swagger_ui() {
        String location = given().redirects().follow(false).when().get("/")
                .then().statusCode(302).header("Location", endsWith("/q/swagger-ui")).extract().header("Location");
        given().when().get(location).then().statusCode(200).body(containsString("swagger-ui"));
    }
}
