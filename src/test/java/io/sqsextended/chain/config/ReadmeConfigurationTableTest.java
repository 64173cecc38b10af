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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table lists exactly the keys of {@link ChainKeys}, with the model's defaults. */
class ReadmeConfigurationTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theTableListsEveryKeyAndNoOther() throws IOException {
        assertThat(table().keySet()).containsExactlyInAnyOrderElementsOf(ChainKeys.ALL.stream().map(ReadmeConfigurationTableTest::documented).toList());
    }

    @Test
    void theTableStatesTheModelsDefaults() throws IOException {
        Map<String, String> table = table();
        List<String> disagreements = new ArrayList<>();
        for (ConfigKey key : ChainKeys.ALL) {
            String stated = table.get(documented(key));
            if (stated != null && key.defaultValue() != null && !key.defaultValue().isEmpty() && !stated.equals(key.defaultValue())) {
                disagreements.add(key.name() + ": README " + stated + ", model " + key.defaultValue());
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String documented(ConfigKey key) {
        return key.isFamily() ? key.name() + "<Name>" : key.name();
    }

    /**
     * Key -> its default as a literal, or null when the README describes it in words. A row may name several keys
     * ({@code `a` / `b`} or {@code `a.x` / `.y`}) with as many defaults.
     */
    private static Map<String, String> table() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (!line.startsWith("| `chain.")) {
                continue;
            }
            String[] cells = line.split(" \\| ");
            List<String> names = codes(cells[0]);
            String first = names.get(0);
            List<String> defaults = cells[1].matches("(`[^`]+`)( / `[^`]+`)*") ? codes(cells[1]) : List.of();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).startsWith(".") ? first.substring(0, first.lastIndexOf('.')) + names.get(i) : names.get(i);
                keys.put(name, defaults.size() == names.size() ? defaults.get(i) : null);
            }
        }
        return keys;
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
