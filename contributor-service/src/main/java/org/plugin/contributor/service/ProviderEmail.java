package org.plugin.contributor.service;

import java.util.Locale;

import org.plugin.common.error.DomainException;

/**
 * What the identity provider says about the caller's email: the address its token carries
 * ({@code email}) and whether the provider verified it ({@code email_verified}); either may be absent
 * (a token without the email scope, a service's token).
 */
public record ProviderEmail(String address, Boolean verified) {

    static final String NOT_VERIFIED = "Your email address is not verified yet: follow the link in the mail the sign-up sent, "
            + "then register again with a new token";
    static final String NOT_THE_VERIFIED_ONE = "Register with the email address your account verified "
            + "(change it in your account first, where it is verified again)";

    /**
     * Refuses (403) a registration whose email the provider has not verified: a token that says its
     * email is unverified, or an email other than the verified one the token carries.
     */
    public void checkRegistration(String email) {
        if (Boolean.FALSE.equals(verified)) {
            throw DomainException.forbidden(NOT_VERIFIED);
        }
        if (address != null && !address.isBlank()
                && !address.strip().toLowerCase(Locale.ROOT).equals(email.strip().toLowerCase(Locale.ROOT))) {
            throw DomainException.forbidden(NOT_THE_VERIFIED_ONE);
        }
    }
}
