package org.plugin.common.web;

import java.net.URI;

/**
 * The kinds of problem this API answers, one {@code type} URI each (RFC 9457), the same from the
 * three services and from the gateway (deploy/gateway/haproxy.cfg.template). docs/problems.md lists
 * them for clients; a client branches on {@code type}, never on {@code detail}.
 */
public enum ProblemType {
    /** 400: the request itself cannot be read (URI, query parameter, HTTP syntax). */
    MALFORMED_REQUEST("malformed-request"),
    /** 400: the body is not the JSON expected (syntax, a duplicate or unknown field, a wrong type). */
    MALFORMED_JSON("malformed-json"),
    /** 400: well-formed input that breaks a rule: {@code violations[]} per field, {@code errors[]} for a chain. */
    VALIDATION("validation"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not-found"),
    METHOD_NOT_ALLOWED("method-not-allowed"),
    NOT_ACCEPTABLE("not-acceptable"),
    REQUEST_TIMEOUT("request-timeout"),
    CONFLICT("conflict"),
    GONE("gone"),
    LENGTH_REQUIRED("length-required"),
    TOO_LARGE("too-large"),
    URI_TOO_LONG("uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
    /** 422: an Idempotency-Key the caller already used for another request. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
    RATE_LIMITED("rate-limited"),
    HEADERS_TOO_LARGE("headers-too-large"),
    INTERNAL("internal"),
    BAD_GATEWAY("bad-gateway"),
    UNAVAILABLE("unavailable"),
    TIMEOUT("timeout");

    /** Every type URI starts with this; the last segment names the kind. */
    public static final String PREFIX = "urn:plugin:problem:";

    private final URI uri;

    ProblemType(String name) {
        this.uri = URI.create(PREFIX + name);
    }

    public URI uri() {
        return uri;
    }

    /** The kind a status stands for when nothing more precise is known (400: a malformed request). */
    public static ProblemType of(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> REQUEST_TIMEOUT;
            case 409 -> CONFLICT;
            case 410 -> GONE;
            case 411 -> LENGTH_REQUIRED;
            case 413 -> TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> IDEMPOTENCY_KEY_REUSED;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 502 -> BAD_GATEWAY;
            case 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> INTERNAL;
        };
    }
}
