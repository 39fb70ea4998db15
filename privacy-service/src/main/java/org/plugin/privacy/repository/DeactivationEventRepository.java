package org.plugin.privacy.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeactivationEventRepository implements PanacheRepositoryBase<DeactivationEvent, UUID> {
}
