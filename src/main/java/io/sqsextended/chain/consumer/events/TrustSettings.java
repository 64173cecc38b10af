package io.sqsextended.chain.consumer.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.config.setting.ConfigReader;
import io.sqsextended.chain.config.setting.Setting;
import io.sqsextended.chain.config.setting.SettingsGroup;

/**
 * What queue messages may name ({@code chain.consumer.allowed-buckets}, {@code .pointer-prefixes},
 * {@code .sns.verify-signatures}), declared beside the parser that holds them to it.
 *
 * @param allowedBuckets      buckets that events and pointers may name (by default the payload bucket)
 * @param pointerGrants where extended-client pointers may name objects (never the input prefix producers upload to)
 * @param verifySnsSignatures whether SNS envelopes must carry a valid SNS signature
 */
public record TrustSettings(Set<String> allowedBuckets, List<PointerGrant> pointerGrants, boolean verifySnsSignatures) {

    public static final String PREFIX = "chain.consumer.";
    public static final Setting<List<String>> ALLOWED_BUCKETS = Setting.list(PREFIX + "allowed-buckets", null,
            "buckets that events and pointers may name; unset: chain.bucket");
    public static final Setting<List<String>> POINTER_PREFIXES = Setting.list(PREFIX + "pointer-prefixes", null,
            "where extended-client pointers may name objects; unset: chain.extended.key-prefix");
    public static final Setting<Boolean> VERIFY_SNS_SIGNATURES = Setting.bool(PREFIX + "sns.verify-signatures",
            "false", "true: SNS envelopes must carry a valid SNS signature");

    public static final SettingsGroup<TrustSettings> GROUP = SettingsGroup.of(TrustSettings.class, TrustSettings::read);

    private static TrustSettings read(ConfigReader in) {
        String bucket = in.resources().bucket();
        Set<String> allowed = new HashSet<>(in.get(ALLOWED_BUCKETS));
        if (allowed.isEmpty() && bucket != null) {
            allowed.add(bucket);
        }
        return new TrustSettings(Set.copyOf(allowed), pointerGrants(in), in.get(VERIFY_SNS_SIGNATURES));
    }

    /** Where pointers may name objects; none may reach the input prefix (of the upload bucket once it is known). */
    private static List<PointerGrant> pointerGrants(ConfigReader in) {
        String key = POINTER_PREFIXES.name();
        List<String> entries = in.isSet(POINTER_PREFIXES) ? in.get(POINTER_PREFIXES)
                : List.of(in.get(ChainKeys.EXTENDED_KEY_PREFIX));
        String inputPrefix = in.get(ChainKeys.INPUT_PREFIX);
        List<PointerGrant> grants = new ArrayList<>();
        for (String entry : entries) {
            PointerGrant grant = PointerGrant.parse(entry);
            in.check(grant != null, key + " entries are key prefixes, s3://BUCKET/PREFIX or s3://BUCKET/, not "
                    + entry);
            if (grant != null) {
                String overlap = grant.overlap(in.resources().bucket(), inputPrefix);
                in.check(overlap == null, overlap);
                grants.add(grant);
            }
        }
        in.check(!entries.isEmpty(), key + " must name at least one prefix");
        return grants;
    }
}
