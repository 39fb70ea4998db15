package org.plugin.common.web;

/**
 * The internal API's own OpenAPI document. Resources under {@code /internal} carry
 * {@code @Extension(name = InternalApi.PROFILE, value = "")}: SmallRye OpenAPI's scan profiles then put
 * their operations in the document named {@value #DOCUMENT}, served by the service itself at
 * {@value #PATH} (never routed by the gateway), and leave them out of the public document
 * ({@code quarkus.smallrye-openapi.scan-exclude-profiles=internal} in each service's configuration).
 */
public final class InternalApi {

    /** The operation extension SmallRye OpenAPI reads as the scan profile {@code internal}. */
    public static final String PROFILE = "x-smallrye-profile-internal";

    /** The name of the internal document in the configuration ({@code quarkus.smallrye-openapi.internal.*}). */
    public static final String DOCUMENT = "internal";

    /** Where each service serves its internal document, for role admin or service. */
    public static final String PATH = "/internal/openapi";

    private InternalApi() {
    }
}
