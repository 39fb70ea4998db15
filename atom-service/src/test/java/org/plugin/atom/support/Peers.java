package org.plugin.atom.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;

/** contributor-service as the tests need it, on the WireMock of PeersResource. */
public final class Peers {

    public static final String NAMES = "/internal/contributors/names";
    public static final String RESOLVE = "/internal/contributors/resolve";

    private Peers() {
    }

    /** A contributor known to the stub, with the subject of their user tokens and their account name. */
    public record Contributor(UUID id, String subject, String accountName) {
    }

    /** Nobody is known unless a test says so; names of unknown ids are left out. */
    public static void defaults(WireMockServer peers) {
        peers.stubFor(post(urlPathEqualTo(NAMES)).atPriority(100).willReturn(okJson("{\"contributors\":[]}")));
        peers.stubFor(get(urlPathEqualTo(RESOLVE)).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404,\"title\":\"Not Found\"}")));
    }

    /** Registers an ACTIVE contributor with a unique account name derived from {@code prefix}. */
    public static Contributor contributor(WireMockServer peers, String prefix) {
        return contributor(peers, prefix, "ACTIVE");
    }

    public static Contributor contributor(WireMockServer peers, String prefix, String status) {
        defaults(peers);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var c = new Contributor(UUID.randomUUID(), "sub-" + prefix + "-" + suffix, (prefix + "-" + suffix).toLowerCase());
        stub(peers, c, status);
        return c;
    }

    /** (Re-)stubs a known contributor: resolvable by subject and by account name. */
    public static void stub(WireMockServer peers, Contributor c, String status) {
        String body = "{\"id\":\"%s\",\"accountName\":\"%s\",\"status\":\"%s\",\"restricted\":false}".formatted(c.id(), c.accountName(), status);
        peers.stubFor(get(urlPathEqualTo(RESOLVE)).withQueryParam("subject", equalTo(c.subject())).willReturn(okJson(body)));
        peers.stubFor(get(urlPathEqualTo(RESOLVE)).withQueryParam("accountName", equalTo(c.accountName())).willReturn(okJson(body)));
    }

    public record Names(UUID id, String accountName, String firstName, String lastName) {
    }

    /** Answers a names call asking exactly for these ids (any order). */
    public static void names(WireMockServer peers, List<Names> names) {
        String ids = names.stream().map(n -> "\"" + n.id() + "\"").collect(Collectors.joining(","));
        String entries = names.stream().map(n -> "{\"id\":\"%s\",\"accountName\":\"%s\",\"firstName\":%s,\"lastName\":%s,\"status\":\"ACTIVE\",\"restricted\":false}"
                .formatted(n.id(), n.accountName(), json(n.firstName()), json(n.lastName()))).collect(Collectors.joining(","));
        peers.stubFor(post(urlPathEqualTo(NAMES)).atPriority(10).withRequestBody(equalToJson("{\"ids\":[" + ids + "]}", true, false))
                .willReturn(okJson("{\"contributors\":[" + entries + "]}")));
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

}
