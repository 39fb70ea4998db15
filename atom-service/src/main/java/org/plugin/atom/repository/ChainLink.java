package org.plugin.atom.repository;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A link from an OUT (or bidirectional) connection point of one node to an IN one of another. */
@Entity
@Table(name = "chain_link")
public class ChainLink {

    @Embeddable
    public record Key(@Column(name = "chain_id") UUID chainId, @Column(name = "position") int position) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "from_node", nullable = false)
    public String fromNode;

    @Column(name = "from_point", nullable = false)
    public String fromPoint;

    @Column(name = "to_node", nullable = false)
    public String toNode;

    @Column(name = "to_point", nullable = false)
    public String toPoint;
}
