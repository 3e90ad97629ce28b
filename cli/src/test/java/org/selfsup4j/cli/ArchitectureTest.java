package org.selfsup4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module matrix of docs/architecture.md, as rules. */
@AnalyzeClasses(packages = "org.selfsup4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule core_does_not_depend_on_guice_or_picocli = noClasses()
            .that().resideInAPackage("org.selfsup4j.core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..", "picocli..")
            .because("plugin authors compile against core alone; wiring and the command line are the application's business");

    @ArchTest
    static final ArchRule core_depends_on_no_other_module = noClasses()
            .that().resideInAPackage("org.selfsup4j.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.pretext..",
                    "org.selfsup4j.losses..", "org.selfsup4j.backbones..", "org.selfsup4j.trainer..", "org.selfsup4j.cli..")
            .because("core is the SPI every other module builds on");

    @ArchTest
    static final ArchRule built_in_modules_do_not_import_each_other = noClasses()
            .that().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.pretext..", "org.selfsup4j.losses..",
                    "org.selfsup4j.backbones..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.trainer..", "org.selfsup4j.cli..")
            .because("built-ins are plugins like any other and see only core");

    @ArchTest
    static final ArchRule augment_is_independent = noClasses().that().resideInAPackage("org.selfsup4j.augment..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.pretext..", "org.selfsup4j.losses..",
                    "org.selfsup4j.backbones..")
            .because("a task that needs augmentation asks for it by name through the SPI");

    @ArchTest
    static final ArchRule pretext_is_independent = noClasses().that().resideInAPackage("org.selfsup4j.pretext..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.losses..",
                    "org.selfsup4j.backbones..")
            .because("pretext tasks name their loss and augmenters instead of importing them");

    @ArchTest
    static final ArchRule losses_and_backbones_are_independent = noClasses()
            .that().resideInAnyPackage("org.selfsup4j.losses..", "org.selfsup4j.backbones..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.pretext..")
            .because("built-in modules never import each other");

    @ArchTest
    static final ArchRule trainer_knows_no_concrete_component = noClasses().that().resideInAPackage("org.selfsup4j.trainer..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.pretext..",
                    "org.selfsup4j.losses..", "org.selfsup4j.backbones..", "org.selfsup4j.cli..", "picocli..")
            .because("the trainer finds every component through plugin discovery");

    @ArchTest
    static final ArchRule cli_knows_no_concrete_component = noClasses().that().resideInAPackage("org.selfsup4j.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.selfsup4j.augment..", "org.selfsup4j.pretext..",
                    "org.selfsup4j.losses..", "org.selfsup4j.backbones..")
            .because("the built-in modules are on the CLI's class path at run time only");

    @ArchTest
    static final ArchRule service_loader_is_used_in_one_class = noClasses()
            .that().doNotHaveFullyQualifiedName("org.selfsup4j.trainer.plugin.PluginScanner")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.ServiceLoader")
            .because("plugin discovery happens in one place, before the injector exists");

    @ArchTest
    static final ArchRule guice_stays_in_wiring_classes = noClasses()
            .that().resideOutsideOfPackages("org.selfsup4j.trainer.plugin..", "org.selfsup4j.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
            .because("components are plain objects; only the wiring knows Guice");
}
