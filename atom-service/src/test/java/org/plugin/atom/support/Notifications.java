package org.plugin.atom.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.plugin.testing.TestTokens;

/** Waits for what the event dispatcher writes after a commit (it runs on its own thread). */
public final class Notifications {

    private Notifications() {
    }

    /** The subject's notifications (first page of 100), as the API lists them. */
    public static List<Map<String, Object>> of(String subject) {
        return given().auth().oauth2(TestTokens.user(subject)).get("/api/notifications?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    /** Waits up to 10 s for a notification of the subject about this Atom version (null: the whole Atom) and answers it. */
    public static Map<String, Object> awaitNotification(String subject, String atom, String version) {
        return awaitNotification(subject, atom, version, null);
    }

    /** As {@link #awaitNotification(String, String, String)}, of this type ({@code null}: any). */
    public static Map<String, Object> awaitNotification(String subject, String atom, String version, String type) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var found = of(subject).stream().filter(n -> atom.equals(n.get("atom")) && Objects.equals(version, n.get("version"))
                    && (type == null || type.equals(n.get("type")))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("No notification of " + subject + " about " + atom + " " + version + " " + type + " within 10 s");
            }
            sleep(50);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
