package org.plugin.common.security;

/** Realm roles issued by the provider (deploy/keycloak/plugin-realm.json). */
public final class Roles {
    /** Every platform user. */
    public static final String USER = "user";
    /** The operator's administrators and DPO. */
    public static final String ADMIN = "admin";
    /** CI pipeline service accounts; their tokens carry {@link #CI_CONTRIBUTOR_CLAIM}. */
    public static final String CI = "ci";
    /** Service-to-service calls (client credentials of the three services). */
    public static final String SERVICE = "service";

    /** Claim naming the contributor account a CI client publishes for. */
    public static final String CI_CONTRIBUTOR_CLAIM = "plugin_contributor";

    private Roles() {
    }
}
