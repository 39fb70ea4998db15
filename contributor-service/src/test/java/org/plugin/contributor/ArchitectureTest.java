package org.plugin.contributor;

import org.plugin.testing.arch.LayerRules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The layers of contributor-service point one way (DESIGN.md, "Conventions"): each rule every
 * service holds ({@link LayerRules}), checked against the main classes.
 *
 * <p>Methods or fields both run: the parent pom pins Surefire 3.5.6 (3.5.3 silently ran no
 * {@code @ArchTest} field, SUREFIRE-2298).
 */
@AnalyzeClasses(packages = "org.plugin.contributor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.plugin.contributor";

    @ArchTest
    static void layers(JavaClasses classes) {
        LayerRules.layers(ROOT).check(classes);
    }

    @ArchTest
    static void sqlOnlyInRepositories(JavaClasses classes) {
        LayerRules.sqlOnlyInRepositories(ROOT).check(classes);
    }

    @ArchTest
    static void noHttpBelowRest(JavaClasses classes) {
        LayerRules.noHttpBelowRest(ROOT).check(classes);
    }

    @ArchTest
    static void noOtherService(JavaClasses classes) {
        LayerRules.noOtherService(ROOT).check(classes);
    }
}
