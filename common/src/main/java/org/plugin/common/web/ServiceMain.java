package org.plugin.common.web;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of each service. Before Quarkus starts, it turns off the URI check Vert.x's
 * server makes ahead of every handler (which answers an invalid URI with an empty 400), so that
 * {@link HttpEdge} makes the same check and answers with a problem. A value given on the command
 * line ({@code -Dvertx.disableURIValidation=false}) wins.
 */
@QuarkusMain
public class ServiceMain {

    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        if (System.getProperty(DISABLE_URI_VALIDATION) == null) {
            System.setProperty(DISABLE_URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
