package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.api.ErasureDtos.Certificate;
import org.plugin.privacy.api.ErasureDtos.Confirmation;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.ErasureStep;
import org.plugin.privacy.support.UnitFixtures;

/** The certificate's canonical form and hash: what a certificate read later is checked against. */
@Tag(UnitFixtures.UNIT)
class ErasureCertificatesTest {

    static final String CANONICAL = "plugin-erasure-certificate/1|job=11111111-1111-1111-1111-111111111111"
            + "|contributor=22222222-2222-2222-2222-222222222222|deadline=2026-04-15T09:00:00Z|completed=2026-03-25T08:30:00.123456Z"
            + "|atom-service=2026-03-25T08:29:00Z|contributor-service=2026-03-25T08:28:00Z"
            + "|identity-provider=2026-03-25T08:30:00.123456Z";

    /** SHA-256 of {@link #CANONICAL}, in hex, as computed outside Java. */
    static final String HASH = "1b379ba15a3d885ec9fa09b5018049f5ddd2ef5c65f4f2e7ac2efa9353137edf";

    static ErasureJob completedJob(Instant completedAt) {
        ErasureJob job = new ErasureJob();
        job.id = UUID.fromString("11111111-1111-1111-1111-111111111111");
        job.contributorId = UUID.fromString("22222222-2222-2222-2222-222222222222");
        job.deadline = Instant.parse("2026-04-15T09:00:00Z");
        job.completedAt = completedAt;
        job.status = ErasureJob.Status.COMPLETED;
        job.subject = "never-in-a-certificate";
        return job;
    }

    static ErasureStep step(String service, String confirmedAt) {
        ErasureStep step = new ErasureStep();
        step.service = service;
        step.status = ErasureStep.Status.CONFIRMED;
        step.confirmedAt = Instant.parse(confirmedAt);
        return step;
    }

    /** The steps as the worker finds them: in no particular order. */
    static final List<ErasureStep> STEPS = List.of(step(ErasureStep.IDENTITY_PROVIDER, "2026-03-25T08:30:00.123456Z"),
            step(ErasureStep.CONTRIBUTOR_SERVICE, "2026-03-25T08:28:00Z"), step(ErasureStep.ATOM_SERVICE, "2026-03-25T08:29:00Z"));

    @Test
    void theCanonicalFormNamesEachHolderInNameOrderAndNothingPersonal() {
        ErasureJob job = completedJob(Instant.parse("2026-03-25T08:30:00.123456Z"));
        String canonical = ErasureCertificates.canonicalForm(job, ErasureCertificates.confirmations(STEPS));
        assertThat(canonical).isEqualTo(CANONICAL).doesNotContain("never-in-a-certificate");
        assertThat(ErasureCertificates.canonicalForm(job, ErasureCertificates.confirmations(List.of(STEPS.get(2), STEPS.get(1), STEPS.get(0))))).isEqualTo(CANONICAL);
    }

    @Test
    void theSealIsTheSha256OfTheCanonicalForm() {
        assertThat(ErasureCertificates.seal(completedJob(Instant.parse("2026-03-25T08:30:00.123456Z")), STEPS)).isEqualTo(HASH);
        assertThat(ErasureCertificates.sha256(CANONICAL)).isEqualTo(HASH);
    }

    @Test
    void theCertificateShowsTheHashRecordedAtCompletionAndWhetherTheDeadlineWasMet() {
        ErasureJob job = completedJob(Instant.parse("2026-03-25T08:30:00.123456Z"));
        job.certificateHash = ErasureCertificates.seal(job, STEPS);
        Certificate certificate = ErasureCertificates.of(job, STEPS);
        assertThat(certificate.hashAlgorithm()).isEqualTo("SHA-256");
        assertThat(certificate.canonicalForm()).isEqualTo(CANONICAL);
        assertThat(certificate.hash()).isEqualTo(HASH);
        assertThat(certificate.completedBeforeDeadline()).isTrue();
        assertThat(certificate.confirmations()).extracting(Confirmation::service)
                .containsExactly(ErasureStep.IDENTITY_PROVIDER, ErasureStep.CONTRIBUTOR_SERVICE, ErasureStep.ATOM_SERVICE);

        // on the deadline is in time; a microsecond later is not
        assertThat(ErasureCertificates.of(completedJob(job.deadline), STEPS).completedBeforeDeadline()).isTrue();
        assertThat(ErasureCertificates.of(completedJob(job.deadline.plusNanos(1000)), STEPS).completedBeforeDeadline()).isFalse();
    }

    @Test
    void aCertificateWhoseJobChangedNoLongerMatchesItsSeal() {
        ErasureJob job = completedJob(Instant.parse("2026-03-25T08:30:00.123456Z"));
        job.certificateHash = ErasureCertificates.seal(job, STEPS);
        job.deadline = job.deadline.plusSeconds(86_400);
        Certificate altered = ErasureCertificates.of(job, STEPS);
        assertThat(ErasureCertificates.sha256(altered.canonicalForm())).isNotEqualTo(altered.hash());
    }
}
