package org.plugin.atom.repository;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "chain_node")
public class ChainNode {

    @Embeddable
    public record Key(@Column(name = "chain_id") UUID chainId, @Column(name = "node_key") String nodeKey) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "version_id", nullable = false)
    public UUID versionId;

    @Column(nullable = false)
    public int position;
}
