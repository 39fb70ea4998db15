package org.plugin.e2e;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.restassured.common.mapper.TypeRef;

/**
 * The local mail server's API (GreenMail, started by deploy/local/up on {@code MAIL_API_PORT}):
 * what Keycloak sent to an address.
 */
public final class Mailbox {

    public static final String API = "http://127.0.0.1:" + Stack.env("MAIL_API_PORT", "2526");

    private Mailbox() {
    }

    /** A received mail: subject and the whole message as sent (headers and MIME parts). */
    public record Mail(String subject, String mime) {

        /** The message's text with quoted-printable soft breaks and escapes undone, and HTML's {@code &amp;} too. */
        public String text() {
            String decoded = mime.contains("quoted-printable") ? quotedPrintable(mime) : mime;
            return decoded.replace("&amp;", "&");
        }

        /** The first link of the text that matches. */
        public Optional<String> link(Pattern pattern) {
            var matcher = pattern.matcher(text());
            return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
        }
    }

    /** The mails in an address's inbox, oldest first (none if it never received one). */
    public static List<Mail> inbox(String address) {
        var response = given().baseUri(API).when().get("/api/user/{address}/messages/INBOX", address);
        if (response.statusCode() != 200) {
            return List.of();
        }
        List<Map<String, Object>> messages = response.as(new TypeRef<>() {
        });
        return messages.stream().map(m -> new Mail(String.valueOf(m.get("subject")), String.valueOf(m.get("mimeMessage"))))
                .toList();
    }

    /** Waits for a mail to arrive at an address. */
    public static Mail await(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mails = inbox(address);
            if (!mails.isEmpty()) {
                return mails.get(mails.size() - 1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no mail for " + address + " at " + API + " within " + timeout);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String quotedPrintable(String text) {
        String joined = text.replace("=\r\n", "").replace("=\n", "");
        var out = new ByteArrayOutputStream();
        byte[] bytes = joined.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '=' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
