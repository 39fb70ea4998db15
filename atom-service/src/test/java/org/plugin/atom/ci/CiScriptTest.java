package org.plugin.atom.ci;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plugin.atom.support.Db;
import org.plugin.atom.support.Fixtures;
import org.plugin.atom.support.Peers;
import org.plugin.testing.InjectPeers;
import org.plugin.testing.PeersResource;
import org.plugin.testing.PostgresResource;
import org.plugin.testing.TestTokens;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** deploy/ci/register-atom.sh against this service, with WireMock as the provider's token endpoint. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(PeersResource.class)
class CiScriptTest {

    static final Path SCRIPT = Path.of("..", "deploy", "ci", "register-atom.sh");
    static final String SECRET = "s3cr&t =!";

    @InjectPeers
    WireMockServer peers;

    @Inject
    DataSource ds;

    @TestHTTPResource("/")
    URL api;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void tools() {
        assumeTrue(Files.isExecutable(SCRIPT), "the script is where the repository keeps it");
        for (String tool : new String[] { "bash", "curl", "jq" }) {
            assumeTrue(onPath(tool), tool + " is needed to run the CI script");
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    Run run(String tokenPath, Path descriptor, String... options) throws IOException, InterruptedException {
        return runAgainst(api.toString(), tokenPath, descriptor, options);
    }

    Run runAgainst(String apiUrl, String tokenPath, Path descriptor, String... options) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add("bash");
        command.add(SCRIPT.toString());
        command.addAll(java.util.List.of(options));
        command.add(descriptor.toString());
        var pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("PLUGIN_API_URL", apiUrl);
        env.put("PLUGIN_TOKEN_URL", peers.baseUrl() + tokenPath);
        env.put("PLUGIN_CI_CLIENT_ID", "ci-alice");
        env.put("PLUGIN_CI_CLIENT_SECRET", SECRET);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A token endpoint for ci-alice publishing for a fresh contributor. */
    String tokenEndpoint(Peers.Contributor owner) {
        String path = "/ci-token-" + owner.accountName();
        peers.stubFor(post(urlPathEqualTo(path)).willReturn(okJson(
                "{\"access_token\":\"" + TestTokens.ci("ci-alice", owner.accountName()) + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        return path;
    }

    static Path descriptor(String name, String version, char digest) throws IOException {
        String body = Fixtures.version("Registered by the CI script", digest, Fixtures.IN_OUT_HTTP);
        Path file = Files.createTempFile("descriptor", ".json");
        Files.writeString(file, "{\"name\":\"" + name + "\",\"version\":\"" + version + "\"," + body.strip().substring(1));
        file.toFile().deleteOnExit();
        return file;
    }

    @Test
    void registersThenRepeatsThenFailsOnConflictingContent() throws Exception {
        var alice = Peers.contributor(peers, "alice");
        String token = tokenEndpoint(alice);
        String name = Fixtures.unique("scripted");

        Run dry = run(token, descriptor(name, "1.0.0+build.7", 'a'), "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would be accepted: CREATED");
        assertThat(Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name)).isZero();

        Run first = run(token, descriptor(name, "1.0.0+build.7", 'a'));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("CREATED: " + name + " 1.0.0+build.7 (PUBLISHED").contains("Atom created");

        Run again = run(token, descriptor(name, "1.0.0+build.7", 'a'));
        assertThat(again.exit()).isZero();
        assertThat(again.out()).startsWith("UNCHANGED: " + name);

        Run conflict = run(token, descriptor(name, "1.0.0+build.7", 'b'));
        assertThat(conflict.exit()).isEqualTo(1);
        assertThat(conflict.err()).contains("HTTP 409").contains("immutable");
        assertThat(conflict.out() + conflict.err()).doesNotContain(SECRET);

        peers.verify(postRequestedFor(urlPathEqualTo(token)).withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=ci-alice")).withRequestBody(containing("client_secret=s3cr%26t%20%3D")));
        assertThat(Db.count(ds, "SELECT count(*) FROM atom_version v JOIN atom a ON a.id = v.atom_id WHERE a.name = ?", name)).isEqualTo(1);
    }

    @Test
    void printsEachInvalidField() throws Exception {
        var alice = Peers.contributor(peers, "alice");
        String name = Fixtures.unique("invalid");
        Path file = descriptor(name, "1.0.0", 'a');
        Files.writeString(file, Files.readString(file).replace(Fixtures.digest('a'), "sha256:nope"));
        Run run = run(tokenEndpoint(alice), file);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 400").contains("artifacts[0].digest: must be 'sha256:'");
        Run dry = run(tokenEndpoint(alice), file, "--dry-run");
        assertThat(dry.exit()).isEqualTo(1);
        assertThat(dry.err()).contains("would be refused (HTTP 400)").contains("artifacts[0].digest");
    }

    @Test
    void anUnavailableApiFailsWithTheRetryableStatus() throws Exception {
        var alice = Peers.contributor(peers, "alice");
        // contributor-service cannot say who the CI publishes for: the API answers 503 and stores nothing
        peers.stubFor(get(urlPathEqualTo(Peers.RESOLVE)).atPriority(1).withQueryParam("accountName", equalTo(alice.accountName()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String name = Fixtures.unique("unavailable");
        Run run = run(tokenEndpoint(alice), descriptor(name, "1.0.0", 'a'));
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("HTTP 503").contains("nothing was changed");
        Run dry = run(tokenEndpoint(alice), descriptor(name, "1.0.0", 'a'), "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isEqualTo(3);
        assertThat(Db.count(ds, "SELECT count(*) FROM atom WHERE name = ?", name)).isZero();
    }

    @Test
    void anAnswerThatIsNotTheApisFailsClearly() throws Exception {
        var alice = Peers.contributor(peers, "alice");
        String name = Fixtures.unique("elsewhere");
        peers.stubFor(put(urlPathEqualTo("/elsewhere/api/atoms/" + name + "/versions/1.0.0"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Welcome</html>")));
        Run run = runAgainst(peers.baseUrl() + "/elsewhere", tokenEndpoint(alice), descriptor(name, "1.0.0", 'a'));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("not the JSON answer of the API");
    }

    @Test
    void failsClearlyWithoutATokenOrADescriptor() throws Exception {
        peers.stubFor(post(urlPathEqualTo("/ci-token-denied")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}")));
        Run denied = run("/ci-token-denied", descriptor(Fixtures.unique("denied"), "1.0.0", 'a'));
        assertThat(denied.exit()).isEqualTo(3);
        assertThat(denied.err()).contains("no token for client ci-alice (HTTP 401: Invalid client secret)");

        Path noName = Files.createTempFile("descriptor", ".json");
        Files.writeString(noName, "{\"version\":\"1.0.0\"}");
        Run usage = run("/unused", noName);
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("\"name\" and \"version\"");
    }
}
