package org.plugin.atom.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugin.atom.client.TargetPolicy.RefusedTarget;

/** The SSRF guard, with names resolved by a fake DNS. */
class TargetPolicyTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static TargetPolicy.Resolver dns(Map<String, String> names) {
        return host -> {
            if (names.containsKey(host)) {
                return new InetAddress[] { ip(names.get(host)) };
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] { ip(host) };
            }
            throw new UnknownHostException(host);
        };
    }

    @Test
    void publicAddressesAndNamesResolvingToThemPass() throws Exception {
        var policy = new TargetPolicy(List.of(), dns(Map.of("ci.example.org", "93.184.216.34")));
        var target = policy.check("https://ci.example.org/hooks?x=1");
        assertThat(target.address()).isEqualTo(ip("93.184.216.34"));
        assertThat(target.host()).isEqualTo("ci.example.org");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.pathAndQuery()).isEqualTo("/hooks?x=1");
        assertThat(policy.check("http://[2606:4700::1111]:8080").port()).isEqualTo(8080);
    }

    @Test
    void internalAddressesAreRefusedWhateverTheirSpelling() {
        var policy = new TargetPolicy(List.of(), dns(Map.of("metadata.example.org", "169.254.169.254", "rebound.example.org", "10.1.2.3",
                "six.example.org", "::1")));
        for (String url : List.of("http://127.0.0.1/", "http://127.8.9.1/", "http://0.0.0.0/", "http://10.0.0.1/", "http://172.31.255.1/",
                "http://192.168.0.1/", "http://169.254.169.254/latest", "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/",
                "http://[::1]/", "http://[::]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://metadata.example.org/",
                "http://rebound.example.org/", "http://six.example.org/")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(RefusedTarget.class);
        }
    }

    @Test
    void onlyHttpAndHttpsWithAHostThatResolves() {
        var policy = new TargetPolicy(List.of(), dns(Map.of()));
        for (String url : List.of("ftp://93.184.216.34/", "file:///etc/passwd", "gopher://93.184.216.34/", "http:///x", "http://nowhere.example/",
                "http://user:pw@93.184.216.34/", "not a url")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(RefusedTarget.class);
        }
    }

    @Test
    void theOperatorAllowsListedHostsAddressesAndRanges() throws Exception {
        var policy = new TargetPolicy(List.of("127.0.0.1", "10.20.0.0/16", "hooks.internal", "fd00::/8"),
                dns(Map.of("hooks.internal", "10.99.0.1", "other.internal", "10.99.0.2")));
        assertThat(policy.check("http://127.0.0.1:9999/").address()).isEqualTo(ip("127.0.0.1"));
        assertThat(policy.check("http://10.20.3.4/").address()).isEqualTo(ip("10.20.3.4"));
        assertThat(policy.check("http://hooks.internal/x").address()).isEqualTo(ip("10.99.0.1"));
        assertThat(policy.check("http://[fd00::5]/").address()).isEqualTo(ip("fd00::5"));
        assertThatThrownBy(() -> policy.check("http://127.0.0.2/")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> policy.check("http://10.21.0.1/")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> policy.check("http://other.internal/")).isInstanceOf(RefusedTarget.class);
    }

    @Test
    void eachCheckResolvesAgainSoARebindingIsCaught() throws Exception {
        Deque<String> answers = new ArrayDeque<>(List.of("93.184.216.34", "169.254.169.254"));
        var policy = new TargetPolicy(List.of(), host -> new InetAddress[] { ip(answers.pop()) });
        assertThat(policy.check("https://rebinding.example.org/").address()).isEqualTo(ip("93.184.216.34"));
        assertThatThrownBy(() -> policy.check("https://rebinding.example.org/")).isInstanceOf(RefusedTarget.class);
    }

    @Test
    void aNameWithOneInternalAddressAmongPublicOnesIsRefused() {
        var policy = new TargetPolicy(List.of(), host -> new InetAddress[] { ip("93.184.216.34"), ip("192.168.1.1") });
        assertThatThrownBy(() -> policy.check("https://mixed.example.org/")).isInstanceOf(RefusedTarget.class);
    }
}
