package org.plugin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 exactly as written, over a socket: for requests a client library refuses to send (a URI
 * with {@code |}, a chunked body, a hand-made request line).
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Answer send(String host, int port, byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer send(int port, String request) {
        return send("127.0.0.1", port, request.getBytes(StandardCharsets.UTF_8));
    }

    /** A chunked request with {@code body} in chunks of 8 KiB. */
    public static byte[] chunked(String method, String path, Map<String, String> headers, byte[] body) {
        var out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < body.length; i += 8192) {
            int n = Math.min(8192, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Answer read(InputStream in) throws IOException {
        var buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headerEnd = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 0;
        long contentLength = -1;
        try {
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                buffer.write(chunk, 0, n);
                if (headerEnd < 0) {
                    String text = buffer.toString(StandardCharsets.ISO_8859_1);
                    headerEnd = text.indexOf("\r\n\r\n");
                    if (headerEnd >= 0) {
                        String[] lines = text.substring(0, headerEnd).split("\r\n");
                        status = Integer.parseInt(lines[0].split(" ")[1]);
                        for (int i = 1; i < lines.length; i++) {
                            int colon = lines[i].indexOf(':');
                            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                        }
                        contentLength = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
                    }
                }
                if (headerEnd >= 0 && contentLength >= 0 && buffer.size() >= headerEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // an answer without a length, on a connection kept open: what arrived is the answer
        }
        if (headerEnd < 0) {
            throw new IOException("no HTTP answer: " + buffer.toString(StandardCharsets.ISO_8859_1));
        }
        byte[] all = buffer.toByteArray();
        String body = new String(all, headerEnd + 4, all.length - headerEnd - 4, StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }
}
