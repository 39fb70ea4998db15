package org.plugin.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens this JVM has already verified in full (signature, issuer, audience, expiry: Quarkus
 * OIDC), with the identity OIDC made of each, until the token's own {@code exp}. Keyed by the
 * SHA-256 of the token's text, so that any other token (another signature, audience, expiry: a
 * tampered or different token is a different text) misses and is verified in full. Bounded: when
 * full, expired entries are dropped, and a new token is not kept if none was (it is verified in full
 * every time then, as before).
 *
 * <p>Why: verifying an RS256 signature and decoding the JWT twice was a fifth of a service's CPU on
 * a read under load (deploy/bench/RESULTS.md); a user or service sends the same token for minutes.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** {@code requestAttributes}: the identity's attributes that named the request it was made for. */
    private record Entry(SecurityIdentity identity, long expiresAtMillis, Set<String> requestAttributes) {
    }

    /** An attribute of every identity kept here (and so of every identity answered from here). */
    static final String KEPT = VerifiedTokens.class.getName() + ".kept";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final int maxEntries;
    private final AtomicLong hits = new AtomicLong();

    VerifiedTokens(@ConfigProperty(name = "plugin.security.verified-tokens.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "plugin.security.verified-tokens.max-entries", defaultValue = "10000") int maxEntries,
            MeterRegistry registry) {
        this.enabled = enabled;
        this.maxEntries = maxEntries;
        FunctionCounter.builder("plugin.security.verified.tokens.hits", hits, AtomicLong::get)
                .description("Requests whose bearer token was answered from the tokens this JVM had verified, without verifying it again")
                .register(registry);
    }

    /** The identity verified for this token, for the request of {@code current}; null when not kept or expired. */
    SecurityIdentity find(String token, RoutingContext current) {
        if (!enabled || token == null) {
            return null;
        }
        String key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.currentTimeMillis() >= entry.expiresAtMillis()) {
            entries.remove(key, entry);
            return null;
        }
        hits.incrementAndGet();
        return forRequest(entry.identity(), entry.requestAttributes(), current);
    }

    /** How many requests were answered from kept tokens (also the metric {@code plugin_security_verified_tokens_hits_total}). */
    public long hits() {
        return hits.get();
    }

    /** Keeps an identity OIDC has just verified from a bearer token, until the token's expiry. */
    void keep(SecurityIdentity identity) {
        if (!enabled || identity.getAttribute(KEPT) != null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (credential == null || credential.getToken() == null || !"bearer".equalsIgnoreCase(credential.getType())) {
            return;
        }
        long expiresAt = jwt.getExpirationTime() * 1000L;
        long now = System.currentTimeMillis();
        if (expiresAt <= now) {
            return;
        }
        String key = key(credential.getToken());
        if (entries.containsKey(key)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis());
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        // the request the identity was made for is not kept: a later request gets its own
        Set<String> requestAttributes = new HashSet<>();
        identity.getAttributes().forEach((name, value) -> {
            if (value instanceof RoutingContext) {
                requestAttributes.add(name);
            }
        });
        // marked: an identity answered from here is not hashed and looked up again by keep()
        QuarkusSecurityIdentity.Builder marked = QuarkusSecurityIdentity.builder(identity).addAttribute(KEPT, Boolean.TRUE);
        requestAttributes.forEach(name -> marked.addAttribute(name, null));
        entries.put(key, new Entry(marked.build(), expiresAt, Set.copyOf(requestAttributes)));
    }

    /** Whether this token is kept now (tests: that a check ran with the cache warm). */
    public boolean holds(String token) {
        Entry entry = entries.get(key(token));
        return entry != null && System.currentTimeMillis() < entry.expiresAtMillis();
    }

    private static SecurityIdentity forRequest(SecurityIdentity identity, Set<String> requestAttributes, RoutingContext current) {
        if (requestAttributes.isEmpty()) {
            return identity;
        }
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder(identity);
        requestAttributes.forEach(name -> copy.addAttribute(name, current));
        return copy.build();
    }

    /** One digest per thread: MessageDigest.getInstance looks the algorithm up among the providers every time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The SHA-256 of the token's text, its 32 bytes as the chars of a String (a map key, never shown). */
    static String key(String token) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return new String(digest.digest(token.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }
}
