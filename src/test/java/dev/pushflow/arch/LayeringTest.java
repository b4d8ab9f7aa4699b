package dev.pushflow.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core engine is a plain Java library: only the ui packages may touch JavaFX. */
class LayeringTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pushflow");

    @Test
    void coreNeverImportsJavaFx() {
        noClasses().that().resideOutsideOfPackage("dev.pushflow.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "org.kordamp.ikonli..")
                .because("the engine is a library that the CLI and the GUI both use")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnTheUserInterfaceOrCli() {
        noClasses().that().resideOutsideOfPackages("dev.pushflow.ui..", "dev.pushflow.cli..", "dev.pushflow")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pushflow.ui..", "dev.pushflow.cli..")
                .because("the GUI and the CLI are thin clients of the engine, never the other way round")
                .allowEmptyShould(true)
                .check(classes);
    }
}
