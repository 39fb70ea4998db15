package org.plugin.privacy.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.plugin.privacy.client.IdentityProviderClient;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The identity provider (Keycloak) as a holder of the person's data: their login account (username,
 * email, names, creation time, sessions), keyed by their token subject. Erasure deletes it, ACCESS and
 * PORTABILITY read it, a non-contributor's rectification changes it. Every call is idempotent; a
 * provider that is down or refuses throws a {@link PeerException} (the callers retry with backoff).
 * Only Keycloak's own "User not found" means there is no account: any other 404 (a wrong realm or
 * path) is a failure, never taken for an erased account.
 */
@ApplicationScoped
public class IdentityProvider {

    /** The name of the holder in erasure steps, certificates, request histories and errors. */
    public static final String NAME = "identity-provider";

    /** What the ACCESS document's register says of this holder (the notice in force says the same). */
    public static final String PURPOSE = "Authenticate the users of the platform and keep their login sessions";
    public static final String LEGAL_BASIS = "Legitimate interest of Orange as promoter of a platform for open and reproducible research, "
            + "which requires a secure access for its users and contributors";
    public static final String RETENTION = "The login account is kept while the platform account is active; at the deactivation it is "
            + "disabled and its sessions ended at once, and it is deleted with the rest of the data, at most 1 month from the deactivation "
            + "date. A session ends after 30 minutes without activity, 10 hours after the login at the latest";
    public static final String HOLDER = "The platform's identity provider (Keycloak, realm plugin), operated by Orange in the EU";

    private final IdentityProviderClient client;
    private final Json json;

    IdentityProvider(@RestClient IdentityProviderClient client, Json json) {
        this.client = client;
        this.json = json;
    }

    /** Keycloak's answer for an unknown user id, as opposed to an unknown realm or path. */
    static boolean noSuchAccount(PeerException e) {
        return e.notFound() && e.detail() != null && e.detail().contains("User not found");
    }

    /** A 404 that is not Keycloak's "User not found": the admin URL is wrong; retried, and visible in the error. */
    private static PeerException misrouted(PeerException e) {
        return e.notFound() && !noSuchAccount(e)
                ? new PeerException(NAME, 404, "answered 404 without naming the user: check the identity provider's admin URL", e)
                : e;
    }

    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return Peers.call(NAME, call);
        } catch (PeerException e) {
            throw misrouted(e);
        }
    }

    /** Deletes the subject's account: true when it was deleted now, false when there was none (already deleted). */
    public boolean delete(String subject) {
        try {
            call(() -> {
                client.delete(subject);
                return null;
            });
            return true;
        } catch (PeerException e) {
            if (noSuchAccount(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Applies a rectification to the subject's account: false when there is none. */
    public boolean rectify(String subject, IdentityProviderClient.AccountChange change) {
        try {
            call(() -> {
                client.update(subject, change);
                return null;
            });
            return true;
        } catch (PeerException e) {
            if (noSuchAccount(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * What the provider holds about the subject, for an export: the account (username, email, names,
     * email verified, creation time, enabled, required actions, attributes) and its active sessions
     * (start, last access, IP address, clients); null when there is no account.
     */
    public ObjectNode account(String subject) {
        JsonNode user;
        JsonNode sessions;
        try {
            user = call(() -> client.account(subject));
            sessions = call(() -> client.sessions(subject));
        } catch (PeerException e) {
            if (noSuchAccount(e)) {
                return null;
            }
            throw e;
        }
        if (user == null || !user.isObject()) {
            return null;
        }
        ObjectNode account = json.mapper().createObjectNode();
        for (String field : List.of("username", "email", "emailVerified", "firstName", "lastName")) {
            account.set(field, user.get(field));
        }
        account.put("createdAt", user.path("createdTimestamp").canConvertToLong()
                ? Instant.ofEpochMilli(user.get("createdTimestamp").asLong()).toString() : null);
        account.set("enabled", user.get("enabled"));
        account.set("requiredActions", user.path("requiredActions").isArray() ? user.get("requiredActions") : json.mapper().createArrayNode());
        if (user.path("attributes").isObject() && !user.get("attributes").isEmpty()) {
            account.set("attributes", user.get("attributes"));
        }
        ArrayNode sessionList = account.putArray("sessions");
        if (sessions != null && sessions.isArray()) {
            for (JsonNode s : sessions) {
                ObjectNode session = sessionList.addObject();
                session.put("startedAt", epoch(s.path("start")));
                session.put("lastAccessAt", epoch(s.path("lastAccess")));
                session.set("ipAddress", s.get("ipAddress"));
                ArrayNode clients = session.putArray("clients");
                s.path("clients").forEach(clients::add);
            }
        }
        return account;
    }

    private static String epoch(JsonNode millis) {
        return millis.canConvertToLong() ? Instant.ofEpochMilli(millis.asLong()).toString() : null;
    }
}
