package org.plugin.contributor.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.plugin.common.error.DomainException;
import org.plugin.common.security.Caller;
import org.plugin.contributor.repository.Contributor.Status;
import org.plugin.contributor.repository.ContributorRepository;

/**
 * Who may see and do what with contributor accounts, in one place. Roles are checked on the
 * resources ({@code @RolesAllowed}: user, admin, service); these are the rules a role alone does not
 * say. A contributor acts on their own record only, found by their token's subject (the routes under
 * {@code /me} take no id), so there is no ownership to check beyond that subject.
 */
@ApplicationScoped
public class AccessRules {

    static final String NO_USABLE_SUBJECT = "Your token has no subject that can identify a contributor";
    static final String ONLY_ADMINS_LIST_INACTIVE = "Only admins can list contributors who are not active";

    /**
     * The subject a caller registers under: their token's subject, whole (not clipped as audit columns
     * clip it). One that is empty, longer than 255 characters or holds a NUL cannot identify anyone: 403.
     */
    public String registeringSubject(String subject) {
        if (!ContributorRepository.couldBeSubject(subject)) {
            throw DomainException.forbidden(NO_USABLE_SUBJECT);
        }
        return subject;
    }

    /**
     * Whether the caller sees contributors' personal data beyond the public view (email, status,
     * subject, dates), contributors of any status, and searches names of restricted contributors and
     * emails; every such read of an email is recorded. Admins only.
     */
    public boolean seesPersonalData(Caller caller) {
        return caller.admin();
    }

    /** The status of the contributors a caller lists: ACTIVE unless asked; another one only for admins (else 403). */
    public Status listedStatus(Caller caller, Status asked) {
        Status wanted = asked == null ? Status.ACTIVE : asked;
        if (wanted != Status.ACTIVE && !seesPersonalData(caller)) {
            throw DomainException.forbidden(ONLY_ADMINS_LIST_INACTIVE);
        }
        return wanted;
    }
}
