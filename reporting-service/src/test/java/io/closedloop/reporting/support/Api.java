package io.closedloop.reporting.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.closedloop.stack.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The reporting-service API as tests drive it. */
public final class Api {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    /** An id unique to this test, so tests sharing the run's database and topics never see each other's data. */
    public static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String personId, String... roles) {
        return given().auth().oauth2(DevTokens.mint(personId, roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as("admin-" + UUID.randomUUID().toString().substring(0, 4), "admin");
    }
}
