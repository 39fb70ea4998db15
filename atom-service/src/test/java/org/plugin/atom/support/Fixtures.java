package org.plugin.atom.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.plugin.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Request bodies and calls the tests share. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    public static String atomFields(String description) {
        return """
                {"displayName":"Fast Router","summary":"Routes packets at line rate","description":"%s","kind":"VNF",
                 "category":"networking","tags":["routing","5g"],"license":"Apache-2.0",
                 "sourceUrl":"https://git.example.org/router","documentationUrl":"https://docs.example.org/router"}"""
                .formatted(description);
    }

    /** A version body creating the Atom if needed, with one artifact and the given connection points (JSON array). */
    public static String version(String description, char digest, String points) {
        return """
                {"atom":%s,
                 "artifacts":[{"type":"CONTAINER_IMAGE","reference":"registry.example.org/router:1","digest":"%s"}],
                 "languages":["Go"],"connectionPoints":%s,"releaseNotes":"First release"}""".formatted(atomFields(description), digest(digest), points);
    }

    public static final String IN_OUT_HTTP = """
            [{"name":"in","protocol":"HTTP","direction":"IN"},{"name":"out","protocol":"HTTP","direction":"OUT"}]""";

    public static Response put(String token, String atom, String version, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/api/atoms/" + atom + "/versions/" + version);
    }

    /** Publishes a version as the contributor (user token), creating the Atom; asserts 201. */
    public static void publish(Peers.Contributor owner, String atom, String version, String points) {
        put(TestTokens.user(owner.subject()), atom, version, version("A test Atom " + atom, 'a', points)).then().statusCode(201);
    }
}
