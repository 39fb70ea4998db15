package org.plugin.privacy.client;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs a REST client call and turns every failure into a {@link PeerException}. */
public final class Peers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Peers() {
    }

    /** A call whose answer is not read: a 2xx is all it needs. */
    public static void run(String service, Runnable call) {
        call(service, () -> {
            call.run();
            return null;
        });
    }

    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw new PeerException(service, e.getResponse().getStatus(), detail(e.getResponse()), e);
        } catch (ProcessingException e) {
            throw new PeerException(service, 0, rootMessage(e), e);
        } catch (RuntimeException e) {
            // the OIDC client failing to get a token, a timeout surfacing as another type...
            throw new PeerException(service, 0, rootMessage(e), e);
        }
    }

    /** The problem's detail when the peer sent problem+json (or Keycloak's error text), else nothing: never a whole body. */
    static String detail(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            String body = response.readEntity(String.class);
            JsonNode node = JSON.readTree(body);
            // problem+json's detail; Keycloak's admin API says "error" or "errorMessage"
            for (String field : new String[] { "detail", "errorMessage", "error" }) {
                if (node != null && node.path(field).isTextual()) {
                    return truncate(node.get(field).asText());
                }
            }
        } catch (RuntimeException | IOException ignored) {
            // no readable detail
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return truncate(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + withoutPaths(root.getMessage())));
    }

    private static final Pattern REQUEST_LINE = Pattern.compile("\\b(GET|PUT|POST|PATCH|DELETE|HEAD) /\\S*");

    /**
     * An HTTP client's message without the path it called (a timeout names it): paths and query strings
     * can name a person (a token subject), and this text is logged and stored.
     */
    static String withoutPaths(String message) {
        return REQUEST_LINE.matcher(message).replaceAll("$1 (path left out)");
    }

    public static String truncate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300);
    }
}
