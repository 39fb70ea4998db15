package org.plugin.common.web;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One timestamp format in every answer: UTC, always six fraction digits
 * ({@code 2026-11-29T10:00:00.123456Z}), the precision PostgreSQL keeps. An instant is rounded to the
 * microsecond as the PostgreSQL driver rounds it before it is written, so the 201 that creates a resource and any later read of it
 * (from the database) carry the identical string; Jackson's default wrote 0, 3, 6 or 9 digits.
 */
@Singleton
public class Timestamps implements ObjectMapperCustomizer {

    /** The text of every instant, as the documents describe it. */
    public static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$";
    public static final String EXAMPLE = "2026-11-29T10:00:00.123456Z";

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Last: Quarkus registers its JavaTimeModule in a customizer of its own, and the module
     * registered last decides how an Instant is written.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("plugin-timestamps").addSerializer(Instant.class, new InstantSerializer()));
    }

    /** The text of an instant in answers. */
    public static String format(Instant instant) {
        // rounded half up as the PostgreSQL driver stores it, so an instant held in memory with nanoseconds
        // reads the same in the 201 as from the database afterwards
        return FORMAT.format(instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS));
    }

    static final class InstantSerializer extends StdSerializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
