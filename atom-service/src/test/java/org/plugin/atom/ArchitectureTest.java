package org.plugin.atom;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.plugin.testing.arch.LayerRules;

/** The layers of atom-service point one way (common-test's {@link LayerRules}, the same for every service). */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "org.plugin.atom";

    @ArchTest
    static final ArchRule layers = LayerRules.layers(ROOT);

    @ArchTest
    static final ArchRule sqlOnlyInRepositories = LayerRules.sqlOnlyInRepositories(ROOT);

    @ArchTest
    static final ArchRule noHttpBelowRest = LayerRules.noHttpBelowRest(ROOT);

    @ArchTest
    static final ArchRule noOtherService = LayerRules.noOtherService(ROOT);
}
