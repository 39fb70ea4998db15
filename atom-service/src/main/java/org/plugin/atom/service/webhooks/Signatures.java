package org.plugin.atom.service.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook call, as Stripe's: {@code Plugin-Signature: t=<unix seconds>,v1=<hex>} where
 * the hex is HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes, prefix included), of
 * {@code "<t>.<body>"}. Receivers recompute it, compare in constant time, and refuse a {@code t} too far
 * from their clock (replays). docs/webhooks.md shows how.
 */
public final class Signatures {

    public static final String HEADER = "Plugin-Signature";

    private Signatures() {
    }

    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
    }

    public static String hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
