package io.pharos.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module arrows of DESIGN.md, checked on the compiled classes: app → views → styles,
 * app/views/backend-client → embedded-engine, and nothing the other way.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pharos");
        // Every module must be on the class path, or the rules below would pass on nothing.
        for (String pkg : List.of("io.pharos.engine", "io.pharos.views", "io.pharos.styles", "io.pharos.app",
                "io.pharos.client")) {
            assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    static List<ArchRule> rules() {
        return List.of(engineIsPlainJava, clientKnowsOnlyTheEngine, viewsDoNotReachOutsideOrIntoSql, stylesStandAlone,
                onlyTheStoreSpeaksSql, onlyTheAgentServesHttp, enginePackagesHaveNoCycles, viewsAreIndependentScreens);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void holds(ArchRule rule) {
        rule.check(classes);
    }

    static final ArchRule engineIsPlainJava = noClasses().that().resideInAPackage("io.pharos.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "okhttp3..", "io.pharos.views..",
                    "io.pharos.app..", "io.pharos.client..", "io.pharos.styles..", "org.controlsfx..", "eu.hansolo..")
            .because("the engine runs headless in agent mode: no JavaFX, no OkHttp, no upper layers");

    static final ArchRule clientKnowsOnlyTheEngine = noClasses().that().resideInAPackage("io.pharos.client..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.pharos.views..", "io.pharos.app..",
                    "io.pharos.styles..");

    static final ArchRule viewsDoNotReachOutsideOrIntoSql = noClasses().that().resideInAPackage("io.pharos.views..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pharos.app..", "io.pharos.client..", "okhttp3..",
                    "java.sql..", "org.sqlite..")
            .because("views read the engine through its query API, never through SQL or HTTP");

    static final ArchRule stylesStandAlone = noClasses().that().resideInAPackage("io.pharos.styles..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pharos.engine..", "io.pharos.views..",
                    "io.pharos.app..", "io.pharos.client..", "javafx..");

    static final ArchRule onlyTheStoreSpeaksSql = noClasses().that().resideInAPackage("io.pharos..")
            .and().resideOutsideOfPackage("io.pharos.engine.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..");

    static final ArchRule onlyTheAgentServesHttp = noClasses().that().resideInAPackage("io.pharos..")
            .and().resideOutsideOfPackage("io.pharos.engine.agent..")
            .and().resideOutsideOfPackage("io.pharos.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..")
            .because("the agent's API is one server with one set of gates (token, limits): docs/agent.md;"
                    + " benchmarks may stand in for an outside peer");

    static final ArchRule enginePackagesHaveNoCycles = slices().matching("io.pharos.engine.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule viewsAreIndependentScreens = slices().matching("io.pharos.views.(*)..")
            .should().beFreeOfCycles();
}
