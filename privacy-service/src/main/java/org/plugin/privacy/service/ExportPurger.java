package org.plugin.privacy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.repository.ExportRepository;

import io.quarkus.scheduler.Scheduled;

/** Deletes ACCESS and PORTABILITY documents once they expire (plugin.privacy.exports.retention-days). */
@ApplicationScoped
public class ExportPurger {

    private static final Logger LOG = Logger.getLogger(ExportPurger.class);

    private final ExportRepository exports;
    private final PlatformClock clock;

    ExportPurger(ExportRepository exports, PlatformClock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    @Scheduled(identity = "privacy-export-purge", every = "${plugin.privacy.exports.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Returns how many documents were deleted. Two replicas purging at once delete each row once. */
    @Transactional
    public long purge() {
        long deleted = exports.deleteExpired(clock.instant());
        if (deleted > 0) {
            LOG.infof("Deleted %d expired export document(s)", deleted);
        }
        return deleted;
    }
}
