package io.sqsextended.chain.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which environment variables are settings, and the key each sets. A setting is a variable named {@code CHAIN_...}, or
 * {@code CAMEL_<GROUP>_...} for one of Camel Main's groups, named as its key upper-cased with every character but
 * letters and digits an underscore ({@link KnownKeys#variable}). Not settings: {@code CHAIN_TOKEN} (the command-line
 * client's), Kubernetes service links ({@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT=tcp://...}, ...), and
 * {@code CAMEL_} variables outside Camel Main's groups (other Camel tools'). Variables of Camel's component, data
 * format, language and bean groups are left to Camel Main's own mapping.
 */
final class EnvironmentKeys {

    /** Variables of the command-line client, not of the server. */
    static final Set<String> CLIENT_VARIABLES = Set.of("CHAIN_TOKEN");
    // what Kubernetes sets for each service in the namespace: <SVC>_SERVICE_HOST, <SVC>_SERVICE_PORT[_<NAME>],
    // <SVC>_PORT_<n>_TCP[_ADDR|_PORT|_PROTO]
    private static final Pattern SERVICE_LINK = Pattern.compile(
            ".+_(SERVICE_HOST|SERVICE_PORT(_\\w+)?|PORT_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)");
    // and <SVC>_PORT=tcp://10.0.0.11:6379
    private static final Pattern SERVICE_LINK_URL = Pattern.compile("(tcp|udp|sctp)://.*");
    private static final String FAMILY = KnownKeys.variable(ChainKeys.LOCAL_PARAMETERS.name());

    /**
     * @param properties the keys the environment sets, with their values (a {@code -D} property of the same key wins)
     * @param unknown    variables that look like settings but name no key
     */
    record Settings(Map<String, String> properties, List<String> unknown) {
    }

    private EnvironmentKeys() {
    }

    static Settings read(Map<String, String> environment, Map<String, String> systemProperties, KnownKeys known) {
        Map<String, String> properties = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (!isSetting(variable, value, known)) {
                return;
            }
            String key = variable.startsWith(FAMILY) && variable.length() > FAMILY.length()
                    // the rest as written: template parameters are letters and digits, case counts
                    ? ChainKeys.LOCAL_PARAMETERS.name() + variable.substring(FAMILY.length())
                    : known.keyOf(variable).orElse(null);
            if (key != null) {
                properties.put(key, systemProperty(systemProperties, key).orElse(value));
            } else if (!KnownKeys.inGroup(variable, KnownKeys.OPEN_GROUPS)) {
                unknown.add(variable);
            }
        });
        return new Settings(properties, unknown);
    }

    private static boolean isSetting(String variable, String value, KnownKeys known) {
        boolean ours = variable.startsWith("CHAIN_") || variable.startsWith("CAMEL_")
                && KnownKeys.inGroup(variable, KnownKeys.ALL_GROUPS);
        // a port key's value is never a URL: CAMEL_SERVER_PORT=tcp://... is the link of a service named camel-server
        boolean serviceLink = SERVICE_LINK.matcher(variable).matches() && known.keyOf(variable).isEmpty()
                || variable.endsWith("_PORT") && SERVICE_LINK_URL.matcher(value).matches();
        return ours && !CLIENT_VARIABLES.contains(variable) && !serviceLink;
    }

    /**
     * The value of a {@code -D} property naming the same key, however spelled (camel.server.maxBodySize,
     * camel.server.max-body-size).
     */
    private static Optional<String> systemProperty(Map<String, String> systemProperties, String key) {
        return systemProperties.entrySet().stream()
                .filter(property -> KnownKeys.squashed(property.getKey()).equals(KnownKeys.squashed(key)))
                .map(Map.Entry::getValue).findFirst();
    }
}
