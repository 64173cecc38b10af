package io.sqsextended.chain;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The app names its classes and YAML routes instead of scanning for them: none may be left out. */
class ApplicationTest {

    private static final List<Class<?>> MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sqsextended.chain").stream()
            .filter(type -> !type.getModifiers().contains(JavaModifier.ABSTRACT))
            .map(JavaClass::reflect).toList();

    @Test
    void everyConfigurationClassOfTheCodeBaseIsNamed() {
        List<Class<?>> configurations = MAIN_CLASSES.stream().filter(CamelConfiguration.class::isAssignableFrom)
                .toList();

        assertThat(Application.CONFIGURATIONS).containsExactlyInAnyOrderElementsOf(configurations.stream()
                .map(type -> type.asSubclass(CamelConfiguration.class)).toList());
    }

    @Test
    void everyRouteBuilderOfTheCodeBaseIsNamed() {
        List<Class<?>> builders = MAIN_CLASSES.stream()
                .filter(type -> RoutesBuilder.class.isAssignableFrom(type) && Modifier.isPublic(type.getModifiers()))
                        .toList();

        assertThat(Application.ROUTE_BUILDERS).containsExactlyInAnyOrderElementsOf(builders);
    }

    @Test
    void everyYamlRouteOfTheJarIsNamedInTheIncludePattern() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        List<String> named = List.of(properties.getProperty("camel.main.routes-include-pattern").split(","));
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            List<String> yaml = files.map(file -> "classpath:routes/" + file.getFileName()).toList();

            assertThat(named).containsExactlyInAnyOrderElementsOf(yaml);
        }
    }
}
