package org.plugin.contributor.client;

/**
 * A peer answered, but not with a success (any status outside 2xx): the call is to be tried again
 * later, or, where a peer's answer says so, is done (see {@link IdentityProviderClient#unknownUser}).
 * Its message names the status only: the URL called can name a contributor's subject, and what the
 * senders make of this is logged and stored.
 */
public class PeerRefusedException extends RuntimeException {

    private final int status;
    private final String body;

    public PeerRefusedException(int status, String body) {
        super("answered " + status, null, false, false);
        this.status = status;
        this.body = body == null ? "" : body;
    }

    /** The HTTP status the peer answered. */
    public int status() {
        return status;
    }

    /** The start of the answer's body, for a peer whose body tells one refusal from another; never logged. */
    String body() {
        return body;
    }
}
