package io.sqsextended.chain.config;

import static io.sqsextended.chain.config.ChainKeys.*;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sqsextended.chain.config.setting.ChainResources;
import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.config.setting.StartRefusedException;
import io.sqsextended.chain.config.ChainConfig.Mode;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.AwsSettings;

/**
 * Builds the {@link ChainConfig} from raw values: the keys {@code config} declares, then every feature's group (handed
 * over by {@code Application}), each key parsed by its declaration, every invariant checked, all errors at once.
 */
public final class SettingsBinder {

    /** The groups {@code config} declares itself, before any feature's. */
    static final List<SettingsGroup<?>> OWN = List.of(ChainKeys.GROUP, AuthSettings.GROUP);

    private SettingsBinder() {
    }

    /** Every key a start reads: {@code config}'s own and the features'. */
    public static List<Setting<?>> declared(List<SettingsGroup<?>> features) {
        return Stream.concat(OWN.stream(), features.stream()).flatMap(group -> group.settings().stream()).toList();
    }

    public static ChainConfig read(ConfigSource source, List<SettingsGroup<?>> features) {
        ConfigReader first = new ConfigReader(source, false, null);
        Mode mode = mode(first);
        ChainResources resources = mode == Mode.LOCAL ? new ChainResources(null, null, null, null)
                : awsResources(first);
        ConfigReader in = first.with(mode == Mode.LOCAL, resources);
        Map<SettingsGroup<?>, Object> records = bind(in, features);
        ChainConfig config = new ChainConfig(mode, resources, aws(in), local(in),
                AuthSettings.read(in, mode == Mode.AWS),
                publicAddress(in, PUBLIC_URL, true), values(in, features), source, features, records);
        in.failOnErrors();
        return config;
    }

    /**
     * The features' records, read again once local mode's resources are known: the rules that name them hold then too.
     */
    static Map<SettingsGroup<?>, Object> rebind(ConfigSource source, List<SettingsGroup<?>> features,
            ChainResources provisioned) {
        ConfigReader in = new ConfigReader(source, true, provisioned);
        Map<SettingsGroup<?>, Object> records = bind(in, features);
        if (!in.errors().isEmpty()) {
            throw new StartRefusedException("Cannot start: " + String.join("; ", in.errors()));
        }
        return records;
    }

    /** Every declared key's value, so that a feature may read a key by its declaration alone. */
    private static Map<Setting<?>, Object> values(ConfigReader in, List<SettingsGroup<?>> features) {
        Map<Setting<?>, Object> values = new HashMap<>();
        declared(features).stream().filter(key -> !key.isFamily()).forEach(key -> values.put(key, in.get(key)));
        return values;
    }

    private static Map<SettingsGroup<?>, Object> bind(ConfigReader in, List<SettingsGroup<?>> features) {
        Map<SettingsGroup<?>, Object> records = new LinkedHashMap<>();
        features.forEach(group -> records.put(group, group.read(in)));
        return records;
    }

    private static Mode mode(ConfigReader in) {
        String mode = in.get(MODE);
        return switch (mode) {
            case "local" -> Mode.LOCAL;
            case "aws" -> Mode.AWS;
            default -> {
                in.check(false, MODE.name() + " must be local or aws, not " + mode);
                yield Mode.LOCAL;
            }
        };
    }

    private static ChainResources awsResources(ConfigReader in) {
        for (Setting<String> key : List.of(BUCKET, QUEUE, DEAD_LETTER_QUEUE)) {
            in.check(in.get(key) != null, "Missing setting " + key.name() + " (application.properties, -D" + key.name()
                    + "=... or the environment)");
        }
        return new ChainResources(in.get(BUCKET), in.get(QUEUE), in.get(DEAD_LETTER_QUEUE), null);
    }

    private static AwsSettings aws(ConfigReader in) {
        String common = in.get(AWS_ENDPOINT);
        return new AwsSettings(in.get(REGION), uri(in, AWS_S3_ENDPOINT, common), uri(in, AWS_SQS_ENDPOINT, common),
                in.get(AWS_ACCESS_KEY), in.get(AWS_SECRET_KEY), publicAddress(in, AWS_S3_PUBLIC_ENDPOINT, false));
    }

    private static URI uri(ConfigReader in, Setting<String> key, String fallback) {
        String value = in.isSet(key) ? in.get(key) : fallback;
        return value == null ? null : in.build(() -> URI.create(value), null);
    }

    private static LocalSettings local(ConfigReader in) {
        return new LocalSettings(Path.of(in.get(LOCAL_DATA_DIR)).toAbsolutePath().normalize(),
                in.get(LOCAL_BIND_ADDRESS), in.get(LOCAL_S3_PORT), in.get(LOCAL_SQS_PORT),
                publicAddress(in, LOCAL_PUBLIC_ENDPOINT, false), in.get(LOCAL_ACCESS_KEY), in.get(LOCAL_SECRET_KEY),
                in.isSet(REGION) ? in.get(REGION) : LocalSettings.DEFAULT_REGION, in.get(LOCAL_TEMPLATE),
                in.get(LOCAL_STACK_NAME), in.family(LOCAL_PARAMETERS), in.get(LOCAL_STORAGE_RESERVE),
                in.get(LOCAL_LATENCY), in.get(LOCAL_FAULTS));
    }

    /**
     * An address as clients reach a server (behind a proxy or a port mapping): http(s), a host, no query; a path only
     * where {@code withPath}.
     */
    private static URI publicAddress(ConfigReader in, Setting<String> key, boolean withPath) {
        String value = in.get(key);
        if (value == null) {
            return null;
        }
        URI uri = in.build(() -> URI.create(value.replaceFirst("/+$", "")), null);
        if (uri == null) {
            return null;
        }
        boolean valid = uri.getHost() != null && List.of("http", "https").contains(uri.getScheme())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                && (withPath || uri.getRawPath().isEmpty());
        in.check(valid, key.name() + " must be an http(s) URL with a host" + (withPath ? "" : " and no path")
                + ", such as http://localhost:9000, not " + value);
        return valid ? uri : null;
    }
}
