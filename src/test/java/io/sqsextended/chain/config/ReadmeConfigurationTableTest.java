package io.sqsextended.chain.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.Application;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table lists exactly the declared keys ({@link Setting}), with their defaults. */
class ReadmeConfigurationTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final List<Setting<?>> DECLARED = SettingsBinder.declared(Application.SETTINGS);

    @Test
    void theTableListsEveryKeyAndNoOther() throws IOException {
        Map<String, String> table = table();
        List<String> missing = DECLARED.stream().filter(key -> !table.containsKey(documented(key)))
                .map(key -> "| `" + documented(key) + "` | "
                        + (key.defaultValue() == null ? "none" : "`" + key.defaultValue() + "`")
                        + " | " + key.doc() + " |").toList();
        assertThat(missing).as("rows to add to the README's configuration table").isEmpty();
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(DECLARED.stream()
                .map(ReadmeConfigurationTableTest::documented).toList());
    }

    @Test
    void theTableStatesTheDeclaredDefaults() throws IOException {
        Map<String, String> table = table();
        List<String> disagreements = new ArrayList<>();
        for (Setting<?> key : DECLARED) {
            String stated = table.get(documented(key));
            if (!key.hasModeDefaults() && stated != null && key.defaultValue() != null && !key.defaultValue().isEmpty()
                    && !stated.equals(key.defaultValue())) {
                disagreements.add(key.name() + ": README " + stated + ", declared " + key.defaultValue());
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void aKeyWithADefaultPerModeStatesBoth() throws IOException {
        Map<String, String> cells = defaultCells();
        List<String> disagreements = new ArrayList<>();
        for (Setting<?> key : DECLARED.stream().filter(Setting::hasModeDefaults).toList()) {
            String cell = cells.get(key.name());
            for (String value : new String[] {key.localDefault(), key.defaultValue()}) {
                if (value != null && !cell.contains("`" + value + "`")) {
                    disagreements.add(key.name() + ": README " + cell + " without `" + value + "`");
                }
            }
        }
        assertThat(cells.keySet()).containsAll(DECLARED.stream().filter(Setting::hasModeDefaults).map(Setting::name)
                .toList());
        assertThat(disagreements).isEmpty();
    }

    static String documented(Setting<?> key) {
        return key.isFamily() ? key.name() + "<Name>" : key.name();
    }

    /**
     * Key -> its default as a literal, or null when the README describes it in words. A row may name several keys
     * ({@code `a` / `b`} or {@code `a.x` / `.y`}) with as many defaults.
     */
    private static Map<String, String> table() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String[] cells : rows()) {
            List<String> names = names(cells[0]);
            List<String> defaults = cells[1].matches("(`[^`]+`)( / `[^`]+`)*") ? codes(cells[1]) : List.of();
            for (int i = 0; i < names.size(); i++) {
                keys.put(names.get(i), defaults.size() == names.size() ? defaults.get(i) : null);
            }
        }
        return keys;
    }

    /** Key -> the whole default cell of its row. */
    private static Map<String, String> defaultCells() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String[] cells : rows()) {
            names(cells[0]).forEach(name -> keys.put(name, cells[1]));
        }
        return keys;
    }

    private static List<String[]> rows() throws IOException {
        return Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("| `chain."))
                .map(line -> line.split(" \\| ")).toList();
    }

    private static List<String> names(String cell) {
        List<String> names = codes(cell);
        String first = names.get(0);
        return names.stream().map(name -> name.startsWith(".") ? first.substring(0, first.lastIndexOf('.')) + name
                : name).toList();
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
