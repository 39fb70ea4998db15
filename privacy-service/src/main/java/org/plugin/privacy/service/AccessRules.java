package org.plugin.privacy.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.repository.PrivacyRequest;

/**
 * Who may see what in privacy-service, beyond the roles the resources require ({@code @RolesAllowed}).
 * A person is their token subject: they file requests about themself, and see their own requests and
 * contact requests; admins see every request. What is someone else's answers as an unknown id does
 * (404), so that no one learns which ids exist.
 */
@ApplicationScoped
public class AccessRules {

    /** The caller's token subject, the person requests are about; a token that names none is refused. */
    public String subject(Caller caller) {
        if (caller.subject() == null || caller.subject().isBlank()) {
            throw DomainException.forbidden("The token names no subject");
        }
        return caller.subject();
    }

    /** The request {@code found} under {@code id}, if the caller may see it: its requester or an admin. */
    public PrivacyRequest visibleRequest(Caller caller, UUID id, Optional<PrivacyRequest> found) {
        String subject = subject(caller);
        return found.filter(r -> caller.admin() || subject.equals(r.subject))
                .orElseThrow(() -> DomainException.notFound("No privacy request " + id + " for you"));
    }

    /**
     * Whether the caller reading the request's document reads someone else's personal data (an admin's
     * download, the email among it): such a read is recorded in the request's history.
     */
    public boolean readsAnothersData(Caller caller, PrivacyRequest r) {
        return !subject(caller).equals(r.subject);
    }

    /** The contact request {@code found} under {@code id}, if the caller sent it. */
    public ContactRequest sentContact(Caller caller, UUID id, Optional<ContactRequest> found) {
        String subject = subject(caller);
        return found.filter(c -> subject.equals(c.requesterSubject))
                .orElseThrow(() -> DomainException.notFound("No contact request " + id + " of yours"));
    }
}
