package io.sqsextended.chain.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.sqsextended.chain.testkit.RunningJar;

import static org.assertj.core.api.Assertions.assertThat;

/** A mistyped key refuses the start in one line that names it and the key meant, wherever it was set. */
class UnknownKeysIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void aMistypedChainKeyInAPropertiesFileRefusesTheStart() throws Exception {
        Path file = Files.writeString(home.resolve("mine.properties"), "chain.consumer.pointer-prefix = offload/\n");

        assertRefusedInOneLine(RunningJar.start(home,
                "-Dcamel.main.property-placeholder-location=classpath:application.properties,file:" + file),
                "Unknown configuration key chain.consumer.pointer-prefix (did you mean "
                        + "chain.consumer.pointer-prefixes?)");
    }

    @Test
    void aMistypedChainKeyGivenAsASystemPropertyRefusesTheStart() throws Exception {
        assertRefusedInOneLine(RunningJar.start(home, "-Dchain.upload.max-sise=1GiB"),
                "Unknown configuration key chain.upload.max-sise (did you mean chain.upload.max-size?)");
    }

    @Test
    void aMistypedChainVariableInTheEnvironmentRefusesTheStart() throws Exception {
        assertRefusedInOneLine(RunningJar.startWithEnvironment(home,
                Map.of("CHAIN_CONSUMER_POINTER_PREFIX", "offload/")),
                "Unknown configuration variable CHAIN_CONSUMER_POINTER_PREFIX (did you mean "
                        + "CHAIN_CONSUMER_POINTER_PREFIXES, "
                        + "chain.consumer.pointer-prefixes?)");
    }

    @Test
    void aCamelKeyOfAGroupCamelIgnoresRefusesTheStart() throws Exception {
        // Camel Main binds camel.server.*, and ignores camel.serverr.* without a word
        assertRefusedInOneLine(RunningJar.start(home, "-Dcamel.serverr.port=28080"),
                "Unknown configuration key camel.serverr.port (did you mean camel.server.port?)");
    }

    @Test
    void aMistypedCamelVariableRefusesTheStart() throws Exception {
        assertRefusedInOneLine(RunningJar.startWithEnvironment(home, Map.of("CAMEL_MANAGEMENT_PROT", "28080")),
                "Unknown configuration variable CAMEL_MANAGEMENT_PROT (did you mean CAMEL_MANAGEMENT_PORT, "
                        + "camel.management.port?)");
    }

    private static void assertRefusedInOneLine(RunningJar jar, String line) throws Exception {
        try (jar) {
            assertThat(jar.awaitExit(EXIT_WITHIN)).as("exit code, in:\n%s", String.join("\n", jar.output()))
                    .hasValueSatisfying(code -> assertThat(code).isNotZero());
            assertThat(jar.output()).filteredOn(output -> output.contains("Unknown configuration")).singleElement()
                    .asString()
                    .endsWith(" - " + line);
            assertThat(jar.output()).noneMatch(output -> output.startsWith("\tat ") || output.contains("Exception"));
        }
    }
}
