package io.glimpse.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows point one way: app → plugins → inference → media. A layer may use any layer below
 * it, never one above; media and inference never see JavaFX. The app module's test class path
 * holds every module, so this one test guards them all.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.glimpse");
    }

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // inference and plugins fill up in later issues
            .layer("app").definedBy("io.glimpse.app..")
            .layer("plugins").definedBy("io.glimpse.plugins..")
            .layer("inference").definedBy("io.glimpse.inference..")
            .layer("media").definedBy("io.glimpse.media..")
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .whereLayer("plugins").mayOnlyBeAccessedByLayers("app")
            .whereLayer("inference").mayOnlyBeAccessedByLayers("plugins", "app")
            .whereLayer("media").mayOnlyBeAccessedByLayers("inference", "plugins", "app");

    static final ArchRule NO_JAVAFX_BELOW_PLUGINS = noClasses()
            .that().resideInAnyPackage("io.glimpse.media..", "io.glimpse.inference..", "io.glimpse.plugins..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("only the app module has a window; media, inference and plugins run without one (command line, tests, servers)");

    @Test
    void arrowsPointOneWayAppPluginsInferenceMedia() {
        LAYERS.check(classes);
    }

    @Test
    void onlyTheAppUsesJavaFx() {
        NO_JAVAFX_BELOW_PLUGINS.allowEmptyShould(true).check(classes);
    }

    @Test
    void aBackwardsArrowIsReported() {
        JavaClasses violating = new ClassFileImporter().importClasses(
                io.glimpse.media.archfixture.BackwardsArrow.class, io.glimpse.app.cli.Main.UsageException.class);
        org.assertj.core.api.Assertions.assertThat(LAYERS.evaluate(violating).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("BackwardsArrow") && line.contains("io.glimpse.app.cli.Main$UsageException"));
    }

    @Test
    void theImportSeesEveryModule() {
        // Guards against a rule passing vacuously because a module's classes were not imported.
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("io.glimpse.media"))
                .anyMatch(p -> p.startsWith("io.glimpse.app"));
    }
}
