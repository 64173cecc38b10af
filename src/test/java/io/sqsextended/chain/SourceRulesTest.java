package io.sqsextended.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules of the production sources that the compiler cannot check (ArchitectureTest checks the dependencies). */
class SourceRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/sqsextended/chain");
    private static final Path TESTS = Path.of("src/test/java/io/sqsextended/chain");
    // tests whose subject is a key's literal text, so no declaration can stand for it
    private static final Map<String, String> KEY_LITERAL_TESTS = Map.of(
            "config/DeclaredSettingsTest.java", "declares keys of its own (chain.test.*) to test Setting itself",
            "config/KnownKeysTest.java", "misspelt keys that no Setting declares",
            "it/UnknownKeysIT.java", "a misspelt key in a properties file and the hint the start prints for it");
    private static final Pattern KEY_LITERAL = Pattern.compile("\"chain\\.");
    // a key's one declaration (config.Setting) or the prefix its holder declares its keys under
    private static final Pattern DECLARATION = Pattern.compile(
            "public static final (Setting<.+?> [A-Z_0-9]+ = Setting\\s*\\.\\w+\\(\\s*|String PREFIX = )"
                    + "\"chain\\.[^\"]*\"");
    private static final int MAX_LINES = 300;
    private static final int MAX_LINE = 120;
    // a key and its value (a properties line, commented or not) cannot be wrapped without changing what it says
    private static final Pattern PROPERTY = Pattern.compile("^#?\\s*[\\w-]+(\\.[\\w-]+)+\\s*=");
    private static final int MAX_CLASSES_PER_PACKAGE = 20;
    private static final int MAX_LINES_PER_PACKAGE = 1_600;
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?[\\w.]+\\.(\\w+);$", Pattern.MULTILINE);
    // scanned left to right, so that a "*/*" in a string opens no comment and a "//" in a URL ends no line
    private static final Pattern COMMENT = Pattern
            .compile("\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'|/\\*.*?\\*/|//[^\\n]*",
            Pattern.DOTALL);

    @Test
    void configurationKeysAreNamedOutsideConfigOnlyInTheirDeclarations() throws IOException {
        List<String> naming = javaFiles().filter(file -> !file.startsWith(SOURCES.resolve("config")))
                .flatMap(file -> DECLARATION.matcher(read(file)).replaceAll("").lines()
                        .filter(line -> KEY_LITERAL.matcher(line).find()).map(line -> file + ": " + line.trim()))
                .toList();
        assertThat(naming).as("key literals outside config that declare no Setting").isEmpty();
    }

    @Test
    void testsNameConfigurationKeysThroughTheirDeclarations() throws IOException {
        List<String> naming;
        try (Stream<Path> files = Files.walk(TESTS)) {
            naming = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !KEY_LITERAL_TESTS.containsKey(TESTS.relativize(file).toString()))
                    .flatMap(file -> read(file).lines().filter(line -> KEY_LITERAL.matcher(line).find())
                            .map(line -> file + ": " + line.trim()))
                    .toList();
        }
        assertThat(naming).as("key literals in tests: use the key's Setting, e.g. ChainKeys.BUCKET.name()").isEmpty();
    }

    @Test
    void noProductionClassIsLongerThan300Lines() throws IOException {
        List<String> tooLong = javaFiles().filter(file -> read(file).lines().count() > MAX_LINES)
                .map(file -> file + ": " + read(file).lines().count() + " lines").toList();
        assertThat(tooLong).isEmpty();
    }

    @Test
    void noLineOfTheSourcesRoutesSettingsOrArchitectureIsLongerThan120Characters() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Stream.of(Path.of("src"), Path.of("bench")).flatMap(SourceRulesTest::walk)) {
            tooLong = Stream.concat(files.filter(SourceRulesTest::wrapped), Stream.of(Path.of("docs/architecture.md")))
                    .flatMap(file -> read(file).lines().filter(line -> line.length() > MAX_LINE)
                            .filter(line -> !PROPERTY.matcher(line).find()).map(line -> file + ": " + line))
                    .toList();
        }
        assertThat(tooLong).as("lines over " + MAX_LINE + " characters").isEmpty();
    }

    @Test
    void noPackageHoldsMoreThan20ClassesOr1600Lines() throws IOException {
        Map<Path, List<Path>> packages = javaFiles().filter(file -> !file.endsWith("package-info.java"))
                .collect(Collectors.groupingBy(Path::getParent));
        List<String> tooLarge = packages.entrySet().stream().filter(p -> p.getValue().size() > MAX_CLASSES_PER_PACKAGE
                        || lines(p.getValue()) > MAX_LINES_PER_PACKAGE)
                .map(p -> p.getKey() + ": " + p.getValue().size() + " classes, " + lines(p.getValue()) + " lines")
                        .toList();
        assertThat(tooLarge).as("packages to split by concern").isEmpty();
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<Path> undocumented = dirs.filter(Files::isDirectory).filter(SourceRulesTest::hasJavaFiles)
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java"))).toList();
            assertThat(undocumented).as("packages without a package-info.java").isEmpty();
        }
    }

    /** ArchitectureTest reads bytecode: an import used only by Javadoc would slip past its rules. */
    @Test
    void everyImportIsUsedByCodeNotOnlyByComments() throws IOException {
        List<String> commentOnly = javaFiles().flatMap(file -> {
            String source = read(file);
            String code = COMMENT.matcher(IMPORT.matcher(source).replaceAll("")).replaceAll(" ");
            return IMPORT.matcher(source).results().map(m -> m.group(1))
                    .filter(name -> !Pattern.compile("\\b" + name + "\\b").matcher(code).find())
                    .map(name -> file + ": " + name);
        }).toList();
        assertThat(commentOnly).isEmpty();
    }

    private static Stream<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        }
    }

    private static boolean wrapped(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".yaml") || name.endsWith(".properties");
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/target/")).toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(List<Path> files) {
        return files.stream().mapToLong(file -> read(file).lines().count()).sum();
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java") && !file.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
