package org.plugin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * What every service answers at the HTTP layer, before a resource runs: problem+json for the
 * refusals Quarkus and Vert.x would answer with an empty body, request ids of a safe shape, and
 * limits the gateway's stay below. Each service's test extends it (in its usual Quarkus boot) and
 * names a path a user may GET and a path taking a JSON body.
 */
public abstract class HttpEdgeContract {

    static final String PROBLEM = "application/problem+json";

    /** A path an ordinary user may GET (200). */
    protected abstract String readablePath();

    /** A path taking a JSON body with POST, PUT or PATCH, and that method. */
    protected abstract String writablePath();

    protected abstract String writeMethod();

    protected int port() {
        return RestAssured.port;
    }

    static void isProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith(PROBLEM);
        assertThat(answer.body()).contains("\"status\":" + status).contains("\"detail\"");
    }

    @Test
    void unencodedCharactersInTheQueryAreAProblem() {
        String token = TestTokens.user("edge-reader");
        for (String bad : new String[] { "a|b", "a^b", "{x}", "\"x\"", "a\\b", "<x>" }) {
            var answer = RawHttp.send(port(), "GET " + readablePath() + "?q=" + bad + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n");
            isProblem(answer, 400);
            assertThat(answer.body()).as(bad).contains("percent-encoded");
        }
    }

    @Test
    void aClientThatHangsUpMidBodyIsNoServerError() throws Exception {
        // the problems every service logs (quarkus-resteasy-problem's logger): 5xx as errors, 4xx as info
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger problems = Logger.getLogger("http-problem");
        problems.addHandler(capture);
        try {
            try (Socket socket = new Socket("127.0.0.1", port())) {
                OutputStream out = socket.getOutputStream();
                out.write((writeMethod() + " " + writablePath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + TestTokens.user("edge-writer") + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(500); // the resource's thread is reading the body when the client goes
            }
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (logged.stream().noneMatch(r -> String.valueOf(r.getMessage()).contains("closed before the request body was read"))) {
                assertThat(System.nanoTime()).as("the hang-up logged as a client's problem within 10 s; logged: " + messages(logged)).isLessThan(until);
                Thread.sleep(50);
            }
            assertThat(logged).as(String.valueOf(messages(logged))).noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
        } finally {
            problems.removeHandler(capture);
        }
    }

    static List<String> messages(List<LogRecord> records) {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() {
        byte[] body = ("{\"x\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var answer = RawHttp.send("127.0.0.1", port(), RawHttp.chunked(writeMethod(), writablePath(),
                Map.of("Authorization", "Bearer " + TestTokens.user("edge-writer"), "Content-Type", "application/json"), body));
        isProblem(answer, 413);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() {
        // read like any body: here it is refused for its content, not for being chunked
        byte[] body = "{\"unknownField\":1}".getBytes(StandardCharsets.UTF_8);
        var answer = RawHttp.send("127.0.0.1", port(), RawHttp.chunked(writeMethod(), writablePath(),
                Map.of("Authorization", "Bearer " + TestTokens.user("edge-writer"), "Content-Type", "application/json", "Connection", "close"),
                body));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).contains("unknownField");
    }

    @Test
    void aForeignOriginIsA403Problem() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").when().options(writablePath())
                .then().statusCode(403).contentType(PROBLEM).header("Access-Control-Allow-Origin", nullValue())
                .body("detail", containsString("not allowed"));
        given().header("Origin", "https://evil.example").auth().oauth2(TestTokens.user("edge-reader")).when().get(readablePath())
                .then().statusCode(403).contentType(PROBLEM).header("Access-Control-Allow-Origin", nullValue());
        // the configured frontend origin, and the service's own, are served
        given().header("Origin", "http://localhost:3000").auth().oauth2(TestTokens.user("edge-reader")).when().get(readablePath())
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
        given().header("Origin", "http://localhost:" + port()).auth().oauth2(TestTokens.user("edge-reader")).when().get(readablePath())
                .then().statusCode(200);
    }

    @Test
    void mediaTypeRefusalsSayWhatToSendNotWhichAnnotationRefused() {
        given().auth().oauth2(TestTokens.user("edge-writer")).contentType("text/plain").body("x").when().request(writeMethod(), writablePath())
                .then().statusCode(415).contentType(PROBLEM).body("detail", equalTo("Unsupported media type; send application/json"));
        given().auth().oauth2(TestTokens.user("edge-reader")).accept("application/xml").when().get(readablePath())
                .then().statusCode(406).contentType(PROBLEM).body("detail", containsString("ask for application/json"));
    }

    @Test
    void aRequestIdThatCouldCarryAnAddressIsReplaced() {
        for (String id : new String[] { "zoe.doe@example.org", "zoe@example", "id with spaces 123", "short", "x".repeat(65), "a.b.c.d.e.f" }) {
            String echoed = given().header("X-Request-Id", id).auth().oauth2(TestTokens.user("edge-reader")).when().get(readablePath())
                    .then().statusCode(200).extract().header("X-Request-Id");
            assertThat(echoed).as(id).isNotEqualTo(id).matches("[A-Za-z0-9_-]{8,64}");
        }
        for (String id : new String[] { "awwDzL2Az7GbXxBDlEr7qw_AAAQ", "4f1c2e8a-9b7d-4c3e-8f6a-1b2c3d4e5f60" }) {
            given().header("X-Request-Id", id).auth().oauth2(TestTokens.user("edge-reader")).when().get(readablePath())
                    .then().statusCode(200).header("X-Request-Id", equalTo(id));
        }
    }

    @Test
    void requestLinesAndHeadersTheGatewayLetsThroughAreWithinTheLimits() {
        // the gateway allows a request line of 8190 bytes and 40 headers of 8190 bytes (deploy/gateway)
        String token = TestTokens.user("edge-reader");
        var longLine = RawHttp.send(port(), "GET " + readablePath() + "?q=" + "a".repeat(8000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(longLine.status()).as(longLine.toString()).isNotIn(414, 431, 500);
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 38; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("v".repeat(8170)).append("\r\n");
        }
        var manyHeaders = RawHttp.send(port(), "GET " + readablePath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\n" + headers + "Connection: close\r\n\r\n");
        assertThat(manyHeaders.status()).as(manyHeaders.toString()).isEqualTo(200);
    }
}
