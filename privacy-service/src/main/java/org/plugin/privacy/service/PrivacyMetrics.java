package org.plugin.privacy.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.plugin.common.time.PlatformClock;
import org.plugin.privacy.config.PrivacyConfig;
import org.plugin.privacy.repository.ErasureJobRepository;
import org.plugin.privacy.repository.RequestRepository;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Gauges the operator watches: erasure jobs at risk (not done within the at-risk margin of their
 * deadline) and overdue requests. Refreshed by the erasure worker on each run and by the admin lists.
 */
@ApplicationScoped
public class PrivacyMetrics {

    private final AtomicLong jobsAtRisk = new AtomicLong();
    private final AtomicLong requestsOverdue = new AtomicLong();
    private final ErasureJobRepository jobs;
    private final RequestRepository requests;
    private final PlatformClock clock;
    private final PrivacyConfig config;

    PrivacyMetrics(ErasureJobRepository jobs, RequestRepository requests, PlatformClock clock, PrivacyConfig config) {
        this.jobs = jobs;
        this.requests = requests;
        this.clock = clock;
        this.config = config;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("privacy.erasure.jobs.at.risk", jobsAtRisk, AtomicLong::get)
                .description("Erasure jobs not completed within the at-risk margin of their deadline").register(registry);
        Gauge.builder("privacy.requests.overdue", requestsOverdue, AtomicLong::get)
                .description("Open data-subject requests past their due date").register(registry);
        refresh();
    }

    public void refresh() {
        QuarkusTransaction.joiningExisting().run(() -> {
            jobsAtRisk.set(jobs.countAtRisk(clock.instant().plus(config.erasure().atRiskMargin())));
            requestsOverdue.set(requests.countOverdue(clock.today()));
        });
    }

    public long jobsAtRisk() {
        return jobsAtRisk.get();
    }
}
