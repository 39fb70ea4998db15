package org.plugin.privacy.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.plugin.privacy.api.ErasureDtos.Certificate;
import org.plugin.privacy.api.ErasureDtos.Confirmation;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.ErasureStep;

/**
 * The completion certificate of an erasure job: proof that every holder confirmed, with nothing
 * personal in it. Its canonical form names the job, the pseudonymous contributor id, the deadline,
 * the completion and each holder's confirmation time, holders in name order; its hash (SHA-256, hex)
 * is recorded on the job when it completes ({@link #seal}), so a certificate read later
 * ({@link #of}) can be checked against it.
 */
final class ErasureCertificates {

    static final String HASH_ALGORITHM = "SHA-256";
    static final String FORMAT = "plugin-erasure-certificate/1";

    private ErasureCertificates() {
    }

    /** The hash to record on a job that completes now, its steps all confirmed. */
    static String seal(ErasureJob job, List<ErasureStep> steps) {
        return sha256(canonicalForm(job, confirmations(steps)));
    }

    /** The certificate of a completed job, with the hash recorded when it completed. */
    static Certificate of(ErasureJob job, List<ErasureStep> steps) {
        List<Confirmation> confirmations = confirmations(steps);
        return new Certificate(job.id, job.contributorId, job.deadline, job.completedAt, !job.completedAt.isAfter(job.deadline),
                confirmations, HASH_ALGORITHM, canonicalForm(job, confirmations), job.certificateHash);
    }

    static List<Confirmation> confirmations(List<ErasureStep> steps) {
        return steps.stream().map(s -> new Confirmation(s.service, s.confirmedAt)).toList();
    }

    /** What the hash covers; nothing personal. */
    static String canonicalForm(ErasureJob job, List<Confirmation> confirmations) {
        StringBuilder s = new StringBuilder(FORMAT)
                .append("|job=").append(job.id)
                .append("|contributor=").append(job.contributorId)
                .append("|deadline=").append(job.deadline)
                .append("|completed=").append(job.completedAt);
        confirmations.stream().sorted(Comparator.comparing(Confirmation::service))
                .forEach(c -> s.append('|').append(c.service()).append('=').append(c.confirmedAt()));
        return s.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(HASH_ALGORITHM).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
