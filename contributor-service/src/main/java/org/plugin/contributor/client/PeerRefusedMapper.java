package org.plugin.contributor.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Every answer of a peer outside 2xx (a redirect included, which no call here follows) fails the
 * call with a {@link PeerRefusedException}: the services see a typed outcome, never a JAX-RS response.
 */
public class PeerRefusedMapper implements ResponseExceptionMapper<PeerRefusedException> {

    /** As much of a refusal's body as is kept: enough for a peer's error message, never a whole page. */
    private static final int BODY_KEPT = 1000;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status / 100 != 2;
    }

    @Override
    public PeerRefusedException toThrowable(Response response) {
        return new PeerRefusedException(response.getStatus(), body(response));
    }

    private static String body(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            String body = response.readEntity(String.class);
            return body.length() > BODY_KEPT ? body.substring(0, BODY_KEPT) : body;
        } catch (RuntimeException e) {
            return "";
        }
    }
}
