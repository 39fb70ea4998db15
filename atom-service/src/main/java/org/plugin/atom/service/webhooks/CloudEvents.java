package org.plugin.atom.service.webhooks;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugin.atom.service.events.CatalogEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A catalog event as a CloudEvents 1.0 structured JSON document ({@code application/cloudevents+json}):
 * {@code id} is the event's sequence number, the same for every webhook and every attempt, so that a
 * receiver de-duplicates on it; {@code subject} the Atom; {@code data} the Atom, the version (null for
 * an event on the whole Atom) and the recipient's chains the event affects.
 */
public final class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    public static String body(CatalogEvent event, String source, List<String> chains) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("atom", event.atomName());
        data.put("version", event.version());
        data.put("chains", chains == null ? List.of() : chains.stream().sorted().toList());
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", Long.toString(event.id()));
        ce.put("source", source);
        ce.put("type", event.type());
        ce.put("subject", event.atomName());
        ce.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt()));
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        try {
            return JSON.writeValueAsString(ce);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A CloudEvent could not be written", e);
        }
    }
}
