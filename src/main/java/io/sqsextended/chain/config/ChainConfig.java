package io.sqsextended.chain.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sqsextended.chain.config.setting.ChainResources;
import io.sqsextended.chain.config.setting.ConfigSource;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;
import io.sqsextended.chain.local.LocalSettings;
import io.sqsextended.chain.wire.AwsSettings;
import io.sqsextended.chain.wire.S3Limits;
import org.apache.camel.CamelContext;

/**
 * The whole configuration, read and checked once at start ({@link SettingsBinder}) and bound in the registry: what
 * {@code config} reads itself (mode, resources, clients, local mode, tokens) and each feature's record, fetched by its
 * group ({@code ChainConfig.of(context).get(ConsumerSettings.GROUP)}).
 */
public final class ChainConfig {

    public enum Mode { LOCAL, AWS }

    static final String BEAN = "chainConfig";

    private final Mode mode;
    private final ChainResources resources;
    private final AwsSettings aws;
    private final LocalSettings local;
    private final AuthSettings auth;
    private final URI publicUrl;
    private final Map<Setting<?>, Object> values;
    private final ConfigSource source;
    private final List<SettingsGroup<?>> features;
    private final Map<SettingsGroup<?>, Object> records;

    /**
     * @param mode      local (embedded stack) or aws
     * @param resources bucket and queues; in local mode unknown (null) until the embedded stack is provisioned
     * @param aws       where the AWS clients point in aws mode
     * @param local     the embedded stack of local mode
     * @param auth      bearer tokens of the API
     * @param publicUrl   the API as clients reach it, or null: the address it listens on
     * @param values    every declared key's value (none for a key unset without a default)
     * @param source    where the values came from, read again once local mode's resources are known
     * @param features  the features' groups
     * @param records   each group's record
     */
    ChainConfig(Mode mode, ChainResources resources, AwsSettings aws, LocalSettings local, AuthSettings auth,
            URI publicUrl, Map<Setting<?>, Object> values,
                ConfigSource source, List<SettingsGroup<?>> features, Map<SettingsGroup<?>, Object> records) {
        this.mode = mode;
        this.resources = resources;
        this.aws = aws;
        this.local = local;
        this.auth = auth;
        this.publicUrl = publicUrl;
        // a key unset without a default has a null value
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.source = source;
        this.features = List.copyOf(features);
        this.records = Map.copyOf(records);
    }

    /** The configuration {@link StartSettings} bound at start. */
    public static ChainConfig of(CamelContext context) {
        ChainConfig config = context.getRegistry().lookupByNameAndType(BEAN, ChainConfig.class);
        if (config == null) {
            throw new IllegalStateException(
                    "No configuration bound: Application's StartSettings reads it before anything else");
        }
        return config;
    }

    /** Reads the configuration of these features from the context's properties and binds it. */
    static ChainConfig bind(CamelContext context, List<SettingsGroup<?>> features) {
        ChainConfig config = SettingsBinder.read(ConfigSource.of(context), features);
        context.getRegistry().bind(BEAN, config);
        return config;
    }

    /** A feature's record. */
    public <T> T get(SettingsGroup<T> group) {
        Object record = records.get(group);
        if (record == null && !records.containsKey(group)) {
            throw new IllegalArgumentException("No settings group " + group
                    + " was bound (Application.SETTINGS lists them)");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) record;
        return typed;
    }

    /**
     * A key's value by its declaration, read and checked at start (the default of the mode when unset; null when it
     * has none): a key that joins no rule with others needs no record.
     */
    public <T> T value(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException(setting
                    + " is declared by no group that was bound (Application.SETTINGS lists them)");
        }
        @SuppressWarnings("unchecked")
        T typed = (T) values.get(setting);
        return typed;
    }

    public Mode mode() {
        return mode;
    }

    public ChainResources resources() {
        return resources;
    }

    public AwsSettings aws() {
        return aws;
    }

    public LocalSettings local() {
        return local;
    }

    public AuthSettings auth() {
        return auth;
    }

    public URI publicUrl() {
        return publicUrl;
    }

    public boolean isLocal() {
        return mode == Mode.LOCAL;
    }

    /**
     * HTTP connections of each S3 and SQS client: a GET per consumer worker and the calls left behind at their timeout.
     */
    public int clientConnections() {
        return Math.max(64, 2 * value(ChainKeys.CONCURRENCY));
    }

    /** Longest key segment the object store keeps: local mode keeps objects in files, a segment is a file name. */
    public int maxKeySegmentBytes() {
        return isLocal() ? LocalSettings.MAX_KEY_SEGMENT_BYTES : S3Limits.MAX_KEY_BYTES;
    }

    /** Where the file store of delivered keys lives (chain.consumer.idempotency.store=file, local mode's default). */
    public Path deliveredKeysFile() {
        return local.dataDir().resolve("consumer").resolve("delivered.keys");
    }

    /**
     * Local mode's resources are the template's, known only now: the features' defaults and rules that name them apply.
     */
    ChainConfig withResources(ChainResources provisioned) {
        return new ChainConfig(mode, provisioned, aws, local, auth, publicUrl, values, source, features,
                SettingsBinder.rebind(source, features, provisioned));
    }
}
