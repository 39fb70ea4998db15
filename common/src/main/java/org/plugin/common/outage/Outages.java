package org.plugin.common.outage;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.plugin.common.persistence.DatabaseOutage;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.oidc.OIDCException;

/**
 * What a client gets while a service cannot reach what it depends on to answer: its database or
 * the identity provider that holds the keys to check tokens. 503 with Retry-After at once, so that
 * the client (or the gateway, which then takes the replica out by its readiness check) retries
 * later, instead of a 500 after seconds of waiting. Nothing was changed.
 */
public final class Outages {

    /** Seconds a client is asked to wait: about what the gateway's health checks take to react. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(Outages.class);

    private Outages() {
    }

    /** The problem for a database that cannot be reached, or null if the error is not one. */
    public static HttpProblem of(Throwable error) {
        if (DatabaseOutage.isOutage(error)) {
            return databaseUnavailable(error);
        }
        if (isIdentityProviderOutage(error)) {
            LOG.warnf("The identity provider cannot be reached to check a token: %s", rootMessage(error));
            return unavailable("The identity provider that checks tokens cannot be reached: retry after the time in Retry-After");
        }
        return null;
    }

    public static HttpProblem databaseUnavailable(Throwable error) {
        LOG.warnf("The database cannot be reached: %s", rootMessage(error));
        if (DatabaseOutage.struckTheCommit(error)) {
            // the connection went while the change was committed: the database may have saved it
            return unavailable("The service lost its database while saving the change: it may or may not have been saved;"
                    + " read it back, or repeat the request with the same Idempotency-Key, after the time in Retry-After");
        }
        return unavailable("The service's database cannot be reached: nothing was changed; retry after the time in Retry-After");
    }

    /**
     * The identity provider could not be reached to set up token checks (discovery, keys): the
     * service started while it was down and has not reached it since.
     */
    public static boolean isIdentityProviderOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }

    static HttpProblem unavailable(String detail) {
        return HttpProblem.builder().withStatus(Status.SERVICE_UNAVAILABLE).withTitle(Status.SERVICE_UNAVAILABLE.getReasonPhrase())
                .withDetail(detail).withHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
