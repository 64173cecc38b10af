package io.sqsextended.chain.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

import io.sqsextended.chain.config.setting.Setting;

/**
 * The keys a start reads: every {@code chain.*} key declared ({@link Setting}) and every option of Camel Main's groups
 * (its catalog, {@code camel.server.port}, {@code camel.main.shutdown-timeout}, ...), with the one rule that names them
 * in the environment: the key upper-cased, every character but letters and digits an underscore ({@link #variable}).
 */
final class KnownKeys {

    /** Groups Camel Main 4.18 binds whose every option is in its catalog. */
    static final List<String> CATALOG_GROUPS = List.of("main", "server", "management", "rest", "health", "metrics",
            "threadpool", "ssl",
            "debug", "trace", "routeController", "startupcondition", "vault", "opentelemetry", "opentelemetry2",
                    "telemetryDev", "mdc",
            "faulttolerance", "resilience4j", "lra");
    /**
     * Groups Camel Main 4.18 binds whose names are free (beans, variables) or a component's, which Camel checks itself.
     */
    static final List<String> OPEN_GROUPS = List.of("component", "dataformat", "language", "beans", "variable",
            "context", "devConsole",
            "globalOptions", "routeTemplate");
    static final List<String> ALL_GROUPS = Stream.concat(CATALOG_GROUPS.stream(), OPEN_GROUPS.stream()).toList();
    private static final String CATALOG = "META-INF/camel-main-configuration-metadata.json";
    private static final String FAMILY_SUFFIX = "<Name>";
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^A-Z0-9]");

    /**
     * Letters and digits alone, upper-cased: how names are compared, whatever their dashes, dots, underscores or humps.
     */
    private final Map<String, String> bySquashed = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final List<String> families;
    private boolean catalogRead;

    private KnownKeys(List<String> families) {
        this.families = families;
    }

    /** The keys declared ({@link SettingsBinder#declared}) and Camel Main's. */
    static KnownKeys load(List<Setting<?>> declared) {
        KnownKeys known = new KnownKeys(declared.stream().filter(Setting::isFamily).map(Setting::name).toList());
        declared.stream().filter(key -> !key.isFamily()).forEach(key -> known.add(key.name()));
        known.families.forEach(family -> known.keys.add(family + FAMILY_SUFFIX));
        return known;
    }

    /**
     * The environment variable of a key: {@code camel.server.port} is CAMEL_SERVER_PORT, {@code chain.local.data-dir}
     * CHAIN_LOCAL_DATA_DIR.
     */
    static String variable(String key) {
        String family = key.endsWith(FAMILY_SUFFIX) ? FAMILY_SUFFIX : "";
        return NOT_LETTER_OR_DIGIT.matcher(key.substring(0, key.length() - family.length()).toUpperCase(Locale.ROOT))
                .replaceAll("_") + family;
    }

    /**
     * Whether a start reads this key: a declared {@code chain.*} key (or of a family), a {@code camel.*}
     * key of a group Camel Main binds; keys of other names are the placeholders of user routes.
     */
    boolean isKnown(String key) {
        if (key.startsWith("chain.")) {
            return keys.contains(key) || families.stream()
                    .anyMatch(family -> key.startsWith(family) && key.length() > family.length());
        }
        return !key.startsWith("camel.") || isCamelGroup(key);
    }

    /** The key of Camel Main's catalog or declared that a variable names (its dashes and humps need not be exact). */
    Optional<String> keyOf(String variable) {
        if (variable.startsWith("CAMEL_")) {
            readCatalog();
        }
        return Optional.ofNullable(bySquashed.get(squashed(variable)));
    }

    /**
     * Whether Camel Main binds keys of this {@code camel.} prefix: it refuses unknown options there itself (as it
     * matches groups: ignoring case), and silently ignores any other {@code camel.*} key.
     */
    static boolean isCamelGroup(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        // camel.routeTemplate[0].x has no dot after its group
        return ALL_GROUPS.stream().map(group -> "camel." + group.toLowerCase(Locale.ROOT))
                .anyMatch(prefix -> lower.startsWith(prefix + ".") || lower.startsWith(prefix + "["));
    }

    /**
     * Whether a variable ({@code CAMEL_SERVER_...}) names an option of one of these groups ({@code TELEMETRY_DEV} or
     * {@code TELEMETRYDEV}).
     */
    static boolean inGroup(String variable, List<String> groups) {
        return groups.stream().anyMatch(group -> variable.startsWith(variable("camel." + group) + "_")
                || variable.startsWith(variable("camel." + StringHelper.camelCaseToDash(group)) + "_"));
    }

    /** Every key, families as {@code chain.local.parameter.<Name>}. */
    List<String> keys() {
        readCatalog();
        return List.copyOf(keys);
    }

    /** The known key nearest to an unknown one (fewest edits), for the refusal's "did you mean". */
    String nearestKey(String key) {
        return nearest(key.toLowerCase(Locale.ROOT), candidate -> candidate.toLowerCase(Locale.ROOT));
    }

    /** The known key whose variable is nearest to an unknown variable. */
    String nearestToVariable(String variable) {
        return nearest(variable, KnownKeys::variable);
    }

    private String nearest(String unknown, Function<String, String> form) {
        readCatalog();
        return keys.stream().min(Comparator.comparingInt((String candidate) -> distance(unknown, form.apply(candidate)))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Camel Main's options, read only when needed: parsing its catalog costs a start about 0.1 s. */
    private void readCatalog() {
        if (!catalogRead) {
            catalogRead = true;
            for (Object property : catalog().getCollection("properties")) {
                add(dashed(((JsonObject) property).getString("name")));
            }
        }
    }

    private void add(String key) {
        keys.add(key);
        bySquashed.put(squashed(key), key);
    }

    /**
     * A catalog name with dashes for humps after its group, as application.properties writes them:
     * camel.main.shutdown-timeout.
     */
    private static String dashed(String name) {
        int option = name.indexOf('.', "camel.".length()) + 1;
        return name.substring(0, option) + StringHelper.camelCaseToDash(name.substring(option));
    }

    static String squashed(String name) {
        StringBuilder letters = new StringBuilder(name.length());
        name.chars().filter(Character::isLetterOrDigit).map(Character::toUpperCase).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static JsonObject catalog() {
        try (InputStream in = KnownKeys.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException("Camel Main's catalog " + CATALOG + " is not on the class path");
            }
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DeserializationException e) {
            throw new IllegalStateException("Camel Main's catalog " + CATALOG + " cannot be read", e);
        }
    }
}
