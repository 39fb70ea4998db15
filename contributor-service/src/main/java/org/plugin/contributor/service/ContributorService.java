package org.plugin.contributor.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.plugin.common.time.PlatformClock;
import org.plugin.common.web.Problems;
import org.plugin.contributor.repository.Contributor;
import org.plugin.contributor.repository.ContributorRepository;
import org.plugin.contributor.rest.ContributorDtos.Registration;

@ApplicationScoped
public class ContributorService {

    private final ContributorRepository contributors;
    private final PlatformClock clock;

    ContributorService(ContributorRepository contributors, PlatformClock clock) {
        this.contributors = contributors;
        this.clock = clock;
    }

    @Transactional
    public Contributor register(String subject, Registration registration) {
        if (contributors.count("subject", subject) > 0) {
            throw Problems.conflict("You are already registered as a contributor");
        }
        if (contributors.findByAccountName(registration.accountName()).isPresent()) {
            throw Problems.conflict("The account name '" + registration.accountName() + "' is taken");
        }
        var c = new Contributor();
        c.id = UUID.randomUUID();
        c.subject = subject;
        c.accountName = registration.accountName();
        c.firstName = registration.firstName().strip();
        c.lastName = registration.lastName().strip();
        c.email = registration.email().strip();
        c.status = Contributor.Status.ACTIVE;
        c.createdAt = clock.instant();
        c.updatedAt = c.createdAt;
        contributors.persist(c);
        return c;
    }

    public Optional<Contributor> findActive(String accountName) {
        return contributors.findByAccountName(accountName).filter(c -> c.status == Contributor.Status.ACTIVE);
    }
}
