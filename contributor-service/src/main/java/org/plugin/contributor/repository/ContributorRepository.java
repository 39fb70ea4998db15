package org.plugin.contributor.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ContributorRepository implements PanacheRepositoryBase<Contributor, UUID> {

    public Optional<Contributor> findByAccountName(String accountName) {
        return find("lower(accountName) = lower(?1)", accountName).firstResultOptional();
    }
}
