package org.plugin.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule of a service refused the request, said in the domain's words. Services and repositories
 * throw these and never choose an HTTP status: {@code org.plugin.common.web.DomainProblemMapper} turns
 * each {@link Kind} into its problem+json answer, in one place for the three services.
 *
 * <p>No stack trace is filled in: these are expected outcomes, not faults.
 */
public class DomainException extends RuntimeException {

    /** What kind of refusal, each answered with one status. */
    public enum Kind {
        /** An unknown id or name (404). */
        NOT_FOUND,
        /** The request conflicts with the current state: a taken name, an immutable version (409). */
        CONFLICT,
        /** Well-formed input that breaks a rule a field constraint cannot express (400). */
        INVALID,
        /** Allowed by role, not for this resource: ownership, status (403). */
        FORBIDDEN,
        /** Something this request depends on does not answer; nothing was changed (503). */
        UNAVAILABLE,
        /** It existed and was deleted for good, e.g. an export past its retention (410). */
        GONE,
        /** Understood but cannot be processed as sent, e.g. an idempotency key reused for another request (422). */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final Map<String, Object> members = new LinkedHashMap<>();

    public DomainException(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public static DomainException notFound(String detail) {
        return new DomainException(Kind.NOT_FOUND, detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(Kind.CONFLICT, detail);
    }

    public static DomainException invalid(String detail) {
        return new DomainException(Kind.INVALID, detail);
    }

    public static DomainException unprocessable(String detail) {
        return new DomainException(Kind.UNPROCESSABLE, detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(Kind.FORBIDDEN, detail);
    }

    public static DomainException unavailable(String detail) {
        return new DomainException(Kind.UNAVAILABLE, detail);
    }

    public static DomainException gone(String detail) {
        return new DomainException(Kind.GONE, detail);
    }

    /** Adds a member to the problem answered (e.g. the list of a validation's errors); returns this. */
    public DomainException with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }
}
