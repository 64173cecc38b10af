package io.sqsextended.chain.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.config.setting.StartRefusedException;

/**
 * Settings before Camel Main reads any: the keys the environment sets become properties by one rule (Camel's own
 * mapping skips any variable ending in {@code _PORT}, so CAMEL_SERVER_PORT reached the placeholders but not the
 * server), a key that nothing reads refuses the start naming the nearest known key, and local mode's HTTP servers
 * listen on its bind address unless told otherwise.
 */
public class StartSettings extends MainListenerSupport {

    private static final Predicate<String> SETTING = key -> key.startsWith("chain.") || key.startsWith("camel.");

    private final List<SettingsGroup<?>> features;

    /** @param features the settings of every feature, which config binds and checks with its own */
    public StartSettings(List<SettingsGroup<?>> features) {
        this.features = List.copyOf(features);
    }

    @Override
    public void beforeInitialize(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        KnownKeys known = KnownKeys.load(SettingsBinder.declared(features));
        Map<String, String> system = systemProperties();
        // overrides: above the properties files, as Camel's placeholders put variables; a -D of the same key wins
        EnvironmentKeys.Settings settings = EnvironmentKeys.read(System.getenv(), system, known);
        settings.properties().forEach(properties::addOverrideProperty);
        List<String> refusals = new ArrayList<>();
        for (String variable : settings.unknown()) {
            String nearest = known.nearestToVariable(variable);
            refusals.add("Unknown configuration variable " + variable + " (did you mean " + KnownKeys.variable(nearest)
                    + ", " + nearest + "?)");
        }
        Set<String> keys = new TreeSet<>(properties.loadProperties(SETTING).stringPropertyNames());
        keys.addAll(system.keySet());
        keys.stream().filter(key -> !known.isKnown(key))
                .forEach(key -> refusals.add("Unknown configuration key " + key + " (did you mean "
                        + known.nearestKey(key) + "?)"));
        if (!refusals.isEmpty()) {
            throw new StartRefusedException(String.join("; ", refusals));
        }
        listenWhereLocalModeDoes(properties, ChainConfig.bind(main.getCamelContext(), features));
    }

    /**
     * Local mode's tokens and keys are public development values: its API is no more reachable than its embedded S3 and
     * SQS.
     */
    private static void listenWhereLocalModeDoes(PropertiesComponent properties, ChainConfig config) {
        if (!config.isLocal()) {
            return;
        }
        for (String host : List.of(BoundPorts.API_HOST, BoundPorts.MANAGEMENT_HOST)) {
            if (properties.resolveProperty(host).filter(value -> !value.isBlank()).isEmpty()) {
                properties.addOverrideProperty(host, config.local().bindAddress());
            }
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> system = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(SETTING)
                .forEach(key -> system.put(key, System.getProperty(key)));
        return system;
    }
}
