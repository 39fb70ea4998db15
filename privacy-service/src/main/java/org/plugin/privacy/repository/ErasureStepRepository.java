package org.plugin.privacy.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ErasureStepRepository implements PanacheRepositoryBase<ErasureStep, ErasureStep.Key> {

    public List<ErasureStep> ofJob(UUID jobId) {
        return list("jobId", Sort.by("service"), jobId);
    }

    public List<ErasureStep> ofJobs(List<UUID> jobIds) {
        return jobIds.isEmpty() ? List.of() : list("jobId in ?1", Sort.by("jobId").and("service"), jobIds);
    }

    /** A job's steps in their order, row-locked until the transaction ends (replicas recording the same job wait for each other). */
    public List<ErasureStep> lockOfJob(UUID jobId) {
        return find("jobId", Sort.by("service"), jobId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
