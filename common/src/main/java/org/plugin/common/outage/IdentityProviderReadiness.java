package org.plugin.common.outage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;

/**
 * Not ready while this service has never reached the identity provider: started while it was
 * down, the service holds no keys to check tokens and would refuse every authenticated call with
 * 503, so the gateway sends those calls to a replica that can answer. Each check while not ready
 * starts a new attempt to reach the provider (in the background), so the service becomes ready by
 * itself when the provider is back, without waiting for a request.
 *
 * <p>Once the keys are held, an outage of the provider does not make the service unready: tokens
 * signed with those keys are still checked (the provider is needed again only for a new key).
 * Quarkus' own OIDC health check (quarkus.oidc.health.enabled) asks the provider at every check
 * and would take every replica out during such an outage, hence this one.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(IdentityProviderReadiness.class);

    @Inject
    TenantConfigBean tenants;

    private volatile boolean attempting;

    @Override
    public HealthCheckResponse call() {
        TenantConfigContext tenant = tenants.getDefaultTenant();
        var response = HealthCheckResponse.named("Identity provider keys");
        if (tenant == null || tenant.ready()) {
            return response.up().build();
        }
        if (!attempting) {
            attempting = true;
            tenant.initialize().subscribe().with(
                    ready -> attempting = false,
                    failure -> {
                        attempting = false;
                        LOG.debugf("The identity provider is still unreachable: %s", failure.getMessage());
                    });
        }
        return response.down().withData("detail", "the identity provider has not been reached since the start").build();
    }
}
