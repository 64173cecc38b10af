package io.sqsextended.chain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.local.LocalAws;
import io.sqsextended.chain.local.LocalSettings;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Who may depend on whom (docs/architecture.md draws it): features on the foundation, never sideways or back. */
@AnalyzeClasses(packages = "io.sqsextended.chain", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependenciesPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("io.sqsextended.chain")
            .layer("Cli").definedBy("io.sqsextended.chain.cli..")
            .layer("Plugins").definedBy("io.sqsextended.chain.plugins..")
            .layer("Management").definedBy("io.sqsextended.chain.management..")
            .layer("Consumer").definedBy("io.sqsextended.chain.consumer..")
            .layer("Producer").definedBy("io.sqsextended.chain.producer..")
            .layer("Presign").definedBy("io.sqsextended.chain.presign..")
            .layer("Api").definedBy("io.sqsextended.chain.api..")
            .layer("Config").definedBy("io.sqsextended.chain.config..")
            .layer("Tracing").definedBy("io.sqsextended.chain.tracing..")
            .layer("Local").definedBy("io.sqsextended.chain.local..")
            .layer("Wire").definedBy("io.sqsextended.chain.wire..")
            .layer("Net").definedBy("io.sqsextended.chain.net..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Plugins").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Management").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Consumer").mayOnlyBeAccessedByLayers("Management", "App")
            .whereLayer("Producer").mayOnlyBeAccessedByLayers("Management", "App")
            .whereLayer("Presign").mayOnlyBeAccessedByLayers("Producer", "Management", "App")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Presign", "Producer", "Management", "App")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Api", "Presign", "Producer", "Consumer", "Management",
                    "Plugins", "App")
            .whereLayer("Tracing").mayOnlyBeAccessedByLayers("Api", "Presign", "Producer", "Consumer", "Management",
                    "App")
            .whereLayer("Local").mayOnlyBeAccessedByLayers("Config");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.sqsextended.chain.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule wireDependsOnNothingOfTheApp = noClasses().that()
            .resideInAPackage("io.sqsextended.chain.wire..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain..")
                    .and(not(resideInAPackage("io.sqsextended.chain.wire.."))));

    @ArchTest
    static final ArchRule netDependsOnNothingOfTheApp = noClasses().that()
            .resideInAPackage("io.sqsextended.chain.net..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain..")
                    .and(not(resideInAPackage("io.sqsextended.chain.net.."))));

    /** Tracing is beside config in the foundation: the features' spans join Camel's, knowing no feature. */
    @ArchTest
    static final ArchRule tracingUsesOnlyTheWire = noClasses().that().resideInAPackage("io.sqsextended.chain.tracing..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain..")
                    .and(not(resideInAPackage("io.sqsextended.chain.tracing..")))
                    .and(not(resideInAPackage("io.sqsextended.chain.wire.."))));

    /** The command-line client is a client of the HTTP API like any other: of the app it knows only the wire. */
    @ArchTest
    static final ArchRule cliUsesOnlyTheWire = noClasses().that().resideInAPackage("io.sqsextended.chain.cli..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain..")
                    .and(not(resideInAPackage("io.sqsextended.chain.cli..")))
                    .and(not(resideInAPackage("io.sqsextended.chain.wire.."))));

    @ArchTest
    static final ArchRule localUsesOnlyWireAndNet = noClasses().that().resideInAPackage("io.sqsextended.chain.local..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain..")
                    .and(not(resideInAPackage("io.sqsextended.chain.local..")))
                    .and(not(resideInAPackage("io.sqsextended.chain.wire..")))
                    .and(not(resideInAPackage("io.sqsextended.chain.net.."))));

    /**
     * Local mode's parts: only {@code local} (the start) knows them all; the S3 front and SQS know nothing of each
     * other, the S3 storage nothing of its HTTP front, fault injection and the template nothing of any part; the
     * template's evaluation ({@code local.template.eval}) is the template's and the start's alone.
     */
    @ArchTest
    static final ArchRule localPartsPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Start").definedBy("io.sqsextended.chain.local")
            .layer("S3").definedBy("io.sqsextended.chain.local.s3")
            .layer("Store").definedBy("io.sqsextended.chain.local.s3.store")
            .layer("Sqs").definedBy("io.sqsextended.chain.local.sqs")
            .layer("Faults").definedBy("io.sqsextended.chain.local.faults")
            .layer("Template").definedBy("io.sqsextended.chain.local.template")
            .layer("TemplateEval").definedBy("io.sqsextended.chain.local.template.eval")
            .whereLayer("Start").mayNotBeAccessedByAnyLayer()
            .whereLayer("S3").mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Sqs").mayOnlyBeAccessedByLayers("Start")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("S3", "Start")
            .whereLayer("Faults").mayOnlyBeAccessedByLayers("S3", "Sqs", "Start")
            .whereLayer("Template").mayOnlyBeAccessedByLayers("S3", "Store", "Sqs", "Start")
            .whereLayer("TemplateEval").mayOnlyBeAccessedByLayers("Template", "Start");

    @ArchTest
    static final ArchRule localIsStartedThroughOneNarrowInterface = noClasses().that()
            .resideOutsideOfPackage("io.sqsextended.chain.local..")
            .should().dependOnClassesThat(resideInAPackage("io.sqsextended.chain.local..")
                    .and(not(belongToAnyOf(LocalAws.class, LocalSettings.class))));

    @ArchTest
    static final ArchRule onlyConfigKnowsTheMode = noClasses().that()
            .resideOutsideOfPackage("io.sqsextended.chain.config..")
            .should().dependOnClassesThat().belongToAnyOf(ChainConfig.Mode.class)
            .orShould().callMethod(ChainConfig.class, "isLocal")
            .orShould().callMethod(ChainConfig.class, "mode")
            .orShould().callMethod(ChainConfig.class, "local");
}
