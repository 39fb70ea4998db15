package org.plugin.common.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one clock every service reads time from, in the operator's zone (Europe/Paris).
 * It runs with the system clock plus an offset that stays zero in production; tests, and a local
 * stack started with {@code plugin.clock.adjustable=true}, move it forward to prove deadlines.
 *
 * <p>With {@code plugin.clock.offset-file} (the local stack sets one per service), the offset lives
 * in that file too: a restarted process keeps the time it was moved to (jobs leased under a moved
 * clock would otherwise wait for a lease that ends in its future), and every replica of a service
 * reads the same time, picking up a move made through another replica within a second.
 */
@Singleton
public class PlatformClock extends Clock {

    public static final ZoneId OPERATOR_ZONE = ZoneId.of("Europe/Paris");

    private static final Logger LOG = Logger.getLogger(PlatformClock.class);

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Path offsetFile;
    private final long recheckNanos;
    private volatile long nextCheck;
    /** The version of the file last read: its identity (each write makes a new file) and time. */
    private volatile String seen;

    public PlatformClock() {
        this(Clock.system(OPERATOR_ZONE));
    }

    @Inject
    PlatformClock(@ConfigProperty(name = "plugin.clock.adjustable", defaultValue = "false") boolean adjustable,
            @ConfigProperty(name = "plugin.clock.offset-file") Optional<String> offsetFile) {
        this(Clock.system(OPERATOR_ZONE),
                adjustable ? offsetFile.filter(file -> !file.isBlank()).map(Path::of).orElse(null) : null,
                Duration.ofSeconds(1));
    }

    PlatformClock(Clock base) {
        this(base, null, Duration.ZERO);
    }

    PlatformClock(Clock base, Path offsetFile, Duration recheck) {
        this.base = base;
        this.offsetFile = offsetFile;
        this.recheckNanos = recheck.toNanos();
        if (offsetFile != null) {
            reload();
            this.nextCheck = System.nanoTime() + recheckNanos;
        }
    }

    @Override
    public ZoneId getZone() {
        return OPERATOR_ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base, currentOffset()).withZone(zone);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(currentOffset());
    }

    /**
     * Now, to the microsecond: what a PostgreSQL {@code timestamptz} keeps, so a time written and read
     * back compares equal to the one that was written.
     */
    public Instant now() {
        return instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Today's date in the operator's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), OPERATOR_ZONE);
    }

    /** Moves this clock forward (or back, with a negative duration); returns the new offset. */
    public synchronized Duration advance(Duration by) {
        if (offsetFile != null) {
            reload();
        }
        Duration moved = offset.updateAndGet(current -> current.plus(by));
        store(moved);
        return moved;
    }

    /** Back to real time. */
    public synchronized void reset() {
        offset.set(Duration.ZERO);
        store(Duration.ZERO);
    }

    public Duration offset() {
        return currentOffset();
    }

    private Duration currentOffset() {
        if (offsetFile != null) {
            long now = System.nanoTime();
            if (now - nextCheck >= 0) {
                nextCheck = now + recheckNanos;
                reload();
            }
        }
        return offset.get();
    }

    /** Reads the file if it changed since it was last read; a missing file means no offset. */
    private void reload() {
        try {
            String version = version(offsetFile);
            if (version.equals(seen)) {
                return;
            }
            String text = Files.readString(offsetFile, StandardCharsets.US_ASCII).strip();
            offset.set(text.isEmpty() ? Duration.ZERO : Duration.parse(text));
            seen = version;
        } catch (NoSuchFileException e) {
            offset.set(Duration.ZERO);
            seen = null;
        } catch (IOException | DateTimeParseException e) {
            LOG.warnf("The clock offset file could not be read (%s): the offset stays %s", e.getClass().getSimpleName(), offset.get());
        }
    }

    private static String version(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.fileKey() + "@" + attributes.lastModifiedTime().toMillis();
    }

    private void store(Duration value) {
        if (offsetFile == null) {
            return;
        }
        try {
            Path parent = offsetFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".clock", ".tmp");
            Files.writeString(temporary, value.toString(), StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, offsetFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, offsetFile, StandardCopyOption.REPLACE_EXISTING);
            }
            seen = version(offsetFile);
        } catch (IOException e) {
            throw new UncheckedIOException("The clock offset could not be written", e);
        }
    }
}
