package org.plugin.common.web;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * {@code servers} of the public document: the gateway, the only address a client calls, as this
 * deployment configures it ({@code plugin.gateway.public-url}, from {@code GATEWAY_PUBLIC_URL}). Read
 * when the service starts, so one build serves every deployment.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP, documentNames = OpenApiFilter.DEFAULT_DOCUMENT_NAME)
public class ApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        String url = ConfigProvider.getConfig().getOptionalValue("plugin.gateway.public-url", String.class)
                .orElse("http://127.0.0.1:8080").replaceAll("/+$", "");
        api.setServers(List.of(OASFactory.createServer().url(url).description("The API gateway")));
    }
}
