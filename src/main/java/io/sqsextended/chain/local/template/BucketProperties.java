package io.sqsextended.chain.local.template;

import static io.sqsextended.chain.local.template.eval.StackResources.BUCKET;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.CorsRule;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.StackResources;
import io.sqsextended.chain.local.template.eval.TemplateException;

/** Reads the evaluated properties of an {@code AWS::S3::Bucket} into what the embedded S3 creates. */
final class BucketProperties {

    private static final PropertySupport SUPPORT = new PropertySupport(BUCKET, "S3",
            Set.of("BucketName", "NotificationConfiguration", "CorsConfiguration"),
            Set.of("BucketEncryption", "PublicAccessBlockConfiguration", "OwnershipControls", "LifecycleConfiguration",
                    "VersioningConfiguration", "Tags"));
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private BucketProperties() {
    }

    static BucketSpec read(String id, Map<String, Object> properties, StackResources resources, QueueArns queueArns) {
        String where = "Resources." + id + ".Properties";
        List<QueueNotification> notifications = new ArrayList<>();
        List<CorsRule> corsRules = List.of();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String key = property.getKey();
            if (SUPPORT.emulates(where, key) && key.equals("NotificationConfiguration")) {
                notifications.addAll(notifications(Nodes.map(property.getValue(), where + "." + key),
                        where + "." + key, queueArns));
            } else if (SUPPORT.emulates(where, key) && key.equals("CorsConfiguration")) {
                corsRules = BucketCors.read(property.getValue(), where + "." + key);
            }
        }
        String name = resources.physicalName(id);
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new TemplateException(where + ".BucketName",
                    "'" + name + "' is not a valid S3 bucket name (3-63 of a-z 0-9 . -)");
        }
        return new BucketSpec(id, name, List.copyOf(notifications), corsRules);
    }

    private static List<QueueNotification> notifications(Map<String, Object> configuration, String where,
            QueueArns queueArns) {
        List<QueueNotification> notifications = new ArrayList<>();
        for (Map.Entry<String, Object> entry : configuration.entrySet()) {
            if (!entry.getKey().equals("QueueConfigurations")) {
                throw new TemplateException(where + "." + entry.getKey(), entry.getKey()
                        + " cannot be emulated in local mode: only QueueConfigurations are delivered by the local S3");
            }
            List<Object> entries = Nodes.list(entry.getValue(), where + ".QueueConfigurations");
            for (int i = 0; i < entries.size(); i++) {
                String at = where + ".QueueConfigurations." + i;
                notifications.add(queueNotification(Nodes.map(entries.get(i), at), at, queueArns));
            }
        }
        return notifications;
    }

    private static QueueNotification queueNotification(Map<String, Object> entry, String at, QueueArns queueArns) {
        for (String key : entry.keySet()) {
            if (!Set.of("Event", "Queue", "Filter").contains(key)) {
                throw new TemplateException(at + "." + key, "unknown property " + key + " of a queue configuration");
            }
        }
        String event = Nodes.string(entry.get("Event"), at + ".Event");
        String queueName = queueArns.queueName(Nodes.string(entry.get("Queue"), at + ".Queue"), at + ".Queue");
        Map<String, String> filter = new HashMap<>(Map.of("prefix", "", "suffix", ""));
        if (entry.containsKey("Filter")) {
            Map<String, Object> s3Key = Nodes.map(Nodes.map(entry.get("Filter"), at + ".Filter").get("S3Key"),
                    at + ".Filter.S3Key");
            List<Object> rules = Nodes.list(s3Key.get("Rules"), at + ".Filter.S3Key.Rules");
            Set<String> seen = new LinkedHashSet<>();
            for (int r = 0; r < rules.size(); r++) {
                String ruleAt = at + ".Filter.S3Key.Rules." + r;
                Map<String, Object> rule = Nodes.map(rules.get(r), ruleAt);
                String name = Nodes.string(rule.get("Name"), ruleAt + ".Name").toLowerCase(Locale.ROOT);
                if (!filter.containsKey(name) || !seen.add(name)) {
                    throw new TemplateException(ruleAt + ".Name",
                            "expected one prefix and at most one suffix rule, got '" + rule.get("Name") + "'");
                }
                filter.put(name, Nodes.scalar(rule.get("Value"), ruleAt + ".Value"));
            }
        }
        return new QueueNotification(event, queueName, filter.get("prefix"), filter.get("suffix"));
    }
}
