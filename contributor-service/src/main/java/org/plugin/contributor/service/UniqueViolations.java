package org.plugin.contributor.service;

import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.PersistenceException;

import org.plugin.common.web.Problems;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Turns a unique-index violation raised by a flush into the 409 a pre-check would have given. The
 * pre-checks give clear answers in the common case; the indexes decide races between concurrent
 * requests, and this makes the loser of a race see the same 409 rather than a 500.
 */
final class UniqueViolations {

    private UniqueViolations() {
    }

    /** Runs {@code flush}; a unique violation becomes a 409 naming what is taken, anything else propagates. */
    static void flushOrConflict(Runnable flush) {
        try {
            flush.run();
        } catch (PersistenceException e) {
            throw conflict(e).orElseThrow(() -> e);
        }
    }

    static Optional<HttpProblem> conflict(Throwable e) {
        return org.plugin.common.persistence.UniqueViolations.violatedConstraint(e)
                .map(constraint -> constraint.toLowerCase(Locale.ROOT))
                .flatMap(name -> {
                    if (name.contains("contributor_subject_uk")) {
                        return Optional.of(Problems.conflict(ContributorService.ALREADY_REGISTERED));
                    }
                    if (name.contains("contributor_account_name_uk")) {
                        return Optional.of(Problems.conflict(ContributorService.ACCOUNT_NAME_TAKEN));
                    }
                    if (name.contains("contributor_email_uk")) {
                        return Optional.of(Problems.conflict(ContributorService.EMAIL_TAKEN));
                    }
                    return Optional.empty();
                });
    }
}
