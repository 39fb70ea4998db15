package org.plugin.privacy.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.plugin.privacy.client.IdentityProviderClient;
import org.plugin.privacy.client.IdentityProviderClient.AccountChange;
import org.plugin.privacy.client.IdentityProviderClient.UserRepresentation;
import org.plugin.privacy.client.IdentityProviderClient.UserSessionRepresentation;
import org.plugin.privacy.client.PeerException;
import org.plugin.privacy.client.Peers;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /**
     * What the provider holds about a person, as an ACCESS document shows it: the account, its
     * attributes when it has some, and its active sessions.
     */
    public record Account(String username, String email, Boolean emailVerified, String firstName, String lastName, Instant createdAt,
            Boolean enabled, List<String> requiredActions, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<String>> attributes,
            List<Session> sessions) {
    }

    /** A login session: when it started and was last used, from which address, with which clients. */
    public record Session(Instant startedAt, Instant lastAccessAt, String ipAddress, List<String> clients) {
    }

    private final IdentityProviderClient client;

    IdentityProvider(@RestClient IdentityProviderClient client) {
        this.client = client;
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

    private <T> T call(Supplier<T> call) {
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
    public boolean rectify(String subject, AccountChange change) {
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
    public Account account(String subject) {
        UserRepresentation user;
        List<UserSessionRepresentation> sessions;
        try {
            user = call(() -> client.account(subject));
            sessions = call(() -> client.sessions(subject));
        } catch (PeerException e) {
            if (noSuchAccount(e)) {
                return null;
            }
            throw e;
        }
        return user == null ? null : account(user, sessions);
    }

    /** Keycloak's representations as an export shows them: times as instants, clients by name. */
    static Account account(UserRepresentation user, List<UserSessionRepresentation> sessions) {
        List<Session> active = sessions == null ? List.of() : sessions.stream()
                .map(s -> new Session(epoch(s.start()), epoch(s.lastAccess()), s.ipAddress(),
                        s.clients() == null ? List.of() : List.copyOf(s.clients().values())))
                .toList();
        return new Account(user.username(), user.email(), user.emailVerified(), user.firstName(), user.lastName(),
                epoch(user.createdTimestamp()), user.enabled(), user.requiredActions() == null ? List.of() : user.requiredActions(),
                user.attributes(), active);
    }

    private static Instant epoch(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
