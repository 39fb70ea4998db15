package org.plugin.privacy.client;

/**
 * A call to another service that did not succeed: {@code status} is the peer's HTTP status, or 0
 * when it could not be reached at all (connection refused, timeout).
 */
public class PeerException extends RuntimeException {

    private final String service;
    private final int status;
    private final String detail;

    public PeerException(String service, int status, String detail, Throwable cause) {
        super(service + (status == 0 ? " unreachable" : " answered " + status) + (detail == null ? "" : ": " + detail), cause);
        this.service = service;
        this.status = status;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** The peer refused the request itself (4xx other than 404, 408 and 429): retrying will not help. */
    public boolean refused() {
        return status >= 400 && status < 500 && status != 404 && status != 408 && status != 429;
    }

    /** Down, overloaded or failing: worth a retry later. */
    public boolean transientFailure() {
        return status == 0 || status >= 500 || status == 408 || status == 429;
    }
}
