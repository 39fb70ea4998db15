package org.plugin.atom.service.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.plugin.atom.repository.EventRepository;
import org.plugin.common.time.PlatformClock;

/**
 * Records a {@link CatalogEvent} in the transaction of the change it describes: if the change rolls
 * back, so does its event. Once the transaction commits, this replica's {@link EventDispatcher} is woken.
 */
@ApplicationScoped
public class CatalogEvents {

    /** Fired with each recorded event; observed after a successful commit only. */
    public record Recorded(long id) {
    }

    private final EventRepository events;
    private final PlatformClock clock;
    private final Event<Recorded> recorded;

    CatalogEvents(EventRepository events, PlatformClock clock, Event<Recorded> recorded) {
        this.events = events;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** {@code type} is one of {@link CatalogEvent}'s constants; {@code version} null for an event on the whole Atom. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String type, UUID atomId, String atomName, String version) {
        long id = events.record(type, atomId, atomName, version, clock.now());
        recorded.fire(new Recorded(id));
    }
}
