package org.plugin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A client that asks to switch to HTTP/2 in clear text ({@code Upgrade: h2c}, what Java's and curl's
 * HTTP/2 clients do on http://) stays on HTTP/1.1 with the gateway. Passed on, the upgrade made the
 * connection a tunnel to one replica: every later request on it skipped the gateway's token check,
 * routing and logs, /internal and /q included (found by the fault suite, whose requests vanished
 * from the access log).
 */
class GatewayUpgradeTest {

    @Test
    void anUpgradeToH2cIsNotPassedOnAndEveryRequestIsCheckedByTheGateway() throws Exception {
        String alice = Stack.userToken(Stack.ALICE);
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> first = http2.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/atoms"))
                .header("Authorization", "Bearer " + alice).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_1_1);

        // the same client, the same connection: the gateway still decides
        HttpResponse<String> health = http2.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/q/health"))
                .header("Authorization", "Bearer " + alice).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(404);
        assertThat(health.body()).contains("\"rejectedBy\":\"gateway\"").doesNotContain("\"UP\"");

        HttpResponse<String> noToken = http2.send(HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/atoms")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }
}
