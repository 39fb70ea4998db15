package org.plugin.atom.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.plugin.atom.config.WebhookConfig;

/**
 * Where webhooks may send (SSRF guard): http(s) URLs whose host resolves only to public addresses.
 * Loopback, link-local (169.254.0.0/16 with the cloud metadata address, fe80::/10), private (10/8,
 * 172.16/12, 192.168/16, fc00::/7, fec0::/10), unspecified (0.0.0.0, ::), carrier-grade NAT, multicast,
 * reserved ranges and IPv6 forms embedding such an IPv4 address are refused, unless the operator's
 * configuration lists the host, the address or a CIDR holding it ({@code plugin.webhooks.allowed-targets}).
 * A name is resolved at each check, and the sender connects to the address checked, so a name that
 * later resolves elsewhere (DNS rebinding) is checked again and cannot slip through.
 */
@ApplicationScoped
public class TargetPolicy {

    /** A URL webhooks may not target, and why (no address in the reason: it is shown to the URL's owner only). */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A URL checked: where to connect, and what to call it (Host header, TLS name). */
    public record Target(URI uri, boolean https, String host, int port, InetAddress address, String pathAndQuery) {
    }

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final Resolver resolver;

    /** Name resolution, replaceable in unit tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Inject
    TargetPolicy(WebhookConfig config) {
        this(config.allowedTargets().orElse(List.of()), InetAddress::getAllByName);
    }

    public TargetPolicy(List<String> allowed, Resolver resolver) {
        this.resolver = resolver;
        for (String entry : allowed) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parse(e);
            if (cidr != null) {
                allowedRanges.add(cidr);
            } else {
                allowedHosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Checks a URL now: its form, its host's addresses. */
    public Target check(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("the URL cannot be parsed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs are accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedTarget("the URL has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedTarget("the URL may not carry credentials");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            throw new RefusedTarget("the host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedTarget("the host does not resolve");
        }
        boolean hostAllowed = allowedHosts.contains(bare.toLowerCase(Locale.ROOT));
        for (InetAddress a : addresses) {
            if (!hostAllowed && !isPublic(a) && allowedRanges.stream().noneMatch(r -> r.contains(a))) {
                throw new RefusedTarget("the host is, or resolves to, a loopback, link-local, private or reserved address; "
                        + "the operator's configuration does not allow it");
            }
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, https, bare, port, addresses[0], pathAndQuery);
    }

    /** Whether an address is a public unicast one. */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0xff) {
                return false;
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= b[i] == 0;
            }
            if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                // ::a.b.c.d (compatible, :: and ::1 included) and ::ffff:a.b.c.d (mapped)
                return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] });
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[] { b[12], b[13], b[14], b[15] }); // 64:ff9b::/96 NAT64
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[] { b[2], b[3], b[4], b[5] }); // 2002::/16 6to4
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32 Teredo
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        int o3 = b[2] & 0xff;
        return !(o1 == 0 || o1 == 10 || o1 == 127 || (o1 == 169 && o2 == 254) || (o1 == 172 && o2 >= 16 && o2 <= 31)
                || (o1 == 192 && o2 == 168) || (o1 == 100 && o2 >= 64 && o2 <= 127) || (o1 == 192 && o2 == 0 && o3 == 0)
                || (o1 == 192 && o2 == 0 && o3 == 2) || (o1 == 198 && (o2 == 18 || o2 == 19)) || (o1 == 198 && o2 == 51 && o3 == 100)
                || (o1 == 203 && o2 == 0 && o3 == 113) || o1 >= 224);
    }

    /** An address range written as an address or a CIDR. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String s) {
            String address = s;
            int bits = -1;
            int slash = s.indexOf('/');
            if (slash >= 0) {
                address = s.substring(0, slash);
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (!address.matches("[0-9.]+") && !address.contains(":")) {
                return null; // a host name
            }
            try {
                byte[] net = InetAddress.getByName(address).getAddress(); // a literal: no lookup
                int max = net.length * 8;
                return new Cidr(net, bits < 0 || bits > max ? max : bits);
            } catch (UnknownHostException e) {
                return null;
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }
}
