package io.sqsextended.chain.local.template;

import static io.sqsextended.chain.local.template.Resources.BUCKET;
import static io.sqsextended.chain.local.template.Resources.QUEUE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.Redrive;

/**
 * The project's CloudFormation template, read the way CloudFormation reads it, reduced to what the embedded S3 and
 * SQS can provision. Anything it cannot emulate is a {@link TemplateException}, never silently skipped.
 * <p>
 * {@code Ref} of a queue evaluates to {@code https://sqs.<region>.amazonaws.com/<account>/<name>}: a stand-in, as the
 * real URL is only known once the embedded SQS has created the queue. Look the URL up by name instead.
 */
public final class CloudFormationTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationTemplate.class);

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs");
    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> NOT_APPLICABLE = Set.of("AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy",
            "AWS::IAM::ManagedPolicy", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::KMS::Key", "AWS::KMS::Alias");
    private static final Set<String> BUCKET_NO_LOCAL_EFFECT = Set.of("BucketEncryption", "PublicAccessBlockConfiguration",
            "OwnershipControls", "LifecycleConfiguration", "VersioningConfiguration", "Tags");
    private static final Set<String> QUEUE_NO_LOCAL_EFFECT = Set.of("SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "Tags");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final Map<String, Object> document;

    private CloudFormationTemplate(Map<String, Object> document) {
        this.document = Collections.unmodifiableMap(document);
    }

    /** Parses a YAML or JSON template; short-form tags ({@code !Ref}, {@code !Sub} ...) become their long forms. */
    public static CloudFormationTemplate parse(String yaml) {
        Object root = TemplateYaml.load(yaml);
        Map<String, Object> document = Nodes.map(root == null ? Map.of() : root, "template");
        if (!document.containsKey("Resources")) {
            throw new TemplateException("template", "no Resources section");
        }
        for (String section : document.keySet()) {
            if (section.equals("Transform")) {
                throw new TemplateException("Transform", "transforms (SAM, macros, language extensions) cannot be expanded in local mode");
            }
            if (!SECTIONS.contains(section)) {
                throw new TemplateException(section, "unknown top-level section");
            }
        }
        return new CloudFormationTemplate(document);
    }

    public static CloudFormationTemplate load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CloudFormation template " + file, e);
        }
    }

    /** The parsed template (long-form intrinsics, nothing evaluated), for inspection. */
    public Map<String, Object> document() {
        return document;
    }

    /** Evaluates the template for one stack and returns the buckets and queues to create locally. */
    public ProvisionedStack provision(StackContext ctx) {
        Evaluator ev = new Evaluator(document, ctx);
        Resources resources = ev.resources();
        checkRules(ev.conditions());
        List<String> order = CreationOrder.of(resources, ev.parameters());
        List<String> created = order.stream().filter(resources::isCreated).toList();
        order.stream().filter(id -> !created.contains(id))
                .forEach(id -> LOG.debug("{} is not created: its condition is false", id));

        Map<String, String> queueNamesByArn = new HashMap<>();
        for (String id : created) {
            checkAttributes(id, resources.definition(id));
            if (resources.type(id).equals(QUEUE)) {
                queueNamesByArn.put(ev.intrinsics().getAtt(id, "Arn", "Resources." + id), resources.physicalName(id));
            }
        }
        List<BucketSpec> buckets = new ArrayList<>();
        Map<String, QueueSpec> queues = new LinkedHashMap<>();
        List<String> notApplicable = new ArrayList<>();
        for (String id : created) {
            String type = resources.type(id);
            String where = "Resources." + id + ".Properties";
            Object raw = resources.definition(id).get("Properties");
            // every property is evaluated, even where nothing is provisioned, so broken intrinsics surface now
            Map<String, Object> properties = raw == null ? Map.of() : Nodes.map(ev.intrinsics().eval(raw, where), where);
            if (type.equals(BUCKET)) {
                buckets.add(bucket(id, properties, resources, queueNamesByArn));
            } else if (type.equals(QUEUE)) {
                queues.put(id, queue(id, properties, resources, queueNamesByArn));
            } else if (NOT_APPLICABLE.contains(type)) {
                notApplicable.add(id);
            } else {
                throw new TemplateException("Resources." + id + ".Type", "resource type " + type + " is not supported in local mode");
            }
        }
        if (!notApplicable.isEmpty()) {
            LOG.info("Local mode has no counterpart for {} (IAM, KMS and resource policies are not enforced)", notApplicable);
        }
        return new ProvisionedStack(List.copyOf(buckets), deadLetterQueuesFirst(queues.values()), outputs(ev),
                List.copyOf(notApplicable));
    }

    // Rules are parameter assertions: honour them, as CloudFormation refuses the stack when one fails
    private void checkRules(Conditions conditions) {
        Nodes.section(document, "Rules").forEach((name, definition) -> {
            String where = "Rules." + name;
            Map<String, Object> rule = Nodes.map(definition, where);
            if (rule.containsKey("RuleCondition") && !conditions.evaluate(rule.get("RuleCondition"), where + ".RuleCondition")) {
                return;
            }
            List<Object> assertions = Nodes.list(rule.getOrDefault("Assertions", List.of()), where + ".Assertions");
            for (int i = 0; i < assertions.size(); i++) {
                Map<String, Object> assertion = Nodes.map(assertions.get(i), where + ".Assertions." + i);
                if (!conditions.evaluate(assertion.get("Assert"), where + ".Assertions." + i + ".Assert")) {
                    throw new TemplateException(where, String.valueOf(assertion.getOrDefault("AssertDescription", "assertion " + i + " failed")));
                }
            }
        });
    }

    private static void checkAttributes(String id, Map<String, Object> definition) {
        for (String attribute : definition.keySet()) {
            if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                throw new TemplateException("Resources." + id + "." + attribute, "unknown resource attribute " + attribute);
            }
        }
    }

    private static BucketSpec bucket(String id, Map<String, Object> properties, Resources resources, Map<String, String> queueNamesByArn) {
        String where = "Resources." + id + ".Properties";
        List<QueueNotification> notifications = new ArrayList<>();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String key = property.getKey();
            if (key.equals("NotificationConfiguration")) {
                notifications.addAll(notifications(Nodes.map(property.getValue(), where + "." + key), where + "." + key, queueNamesByArn));
            } else if (BUCKET_NO_LOCAL_EFFECT.contains(key)) {
                LOG.debug("{}.{} is understood but has no effect on the local S3", where, key);
            } else if (!key.equals("BucketName")) {
                throw new TemplateException(where + "." + key, "property " + key + " of " + BUCKET + " cannot be emulated in local mode");
            }
        }
        String name = resources.physicalName(id);
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw new TemplateException(where + ".BucketName", "'" + name + "' is not a valid S3 bucket name (3-63 of a-z 0-9 . -)");
        }
        return new BucketSpec(id, name, List.copyOf(notifications));
    }

    private static List<QueueNotification> notifications(Map<String, Object> configuration, String where, Map<String, String> queueNamesByArn) {
        List<QueueNotification> notifications = new ArrayList<>();
        for (Map.Entry<String, Object> entry : configuration.entrySet()) {
            if (!entry.getKey().equals("QueueConfigurations")) {
                throw new TemplateException(where + "." + entry.getKey(), entry.getKey()
                        + " cannot be emulated in local mode: only QueueConfigurations are delivered by the local S3");
            }
            List<Object> entries = Nodes.list(entry.getValue(), where + ".QueueConfigurations");
            for (int i = 0; i < entries.size(); i++) {
                String at = where + ".QueueConfigurations." + i;
                notifications.add(queueNotification(Nodes.map(entries.get(i), at), at, queueNamesByArn));
            }
        }
        return notifications;
    }

    private static QueueNotification queueNotification(Map<String, Object> entry, String at, Map<String, String> queueNamesByArn) {
        for (String key : entry.keySet()) {
            if (!Set.of("Event", "Queue", "Filter").contains(key)) {
                throw new TemplateException(at + "." + key, "unknown property " + key + " of a queue configuration");
            }
        }
        String event = Nodes.string(entry.get("Event"), at + ".Event");
        String arn = Nodes.string(entry.get("Queue"), at + ".Queue");
        String queueName = queueNamesByArn.get(arn);
        if (queueName == null) {
            throw new TemplateException(at + ".Queue", "'" + arn + "' is not the ARN of a queue this template creates");
        }
        Map<String, String> filter = new HashMap<>(Map.of("prefix", "", "suffix", ""));
        if (entry.containsKey("Filter")) {
            Map<String, Object> s3Key = Nodes.map(Nodes.map(entry.get("Filter"), at + ".Filter").get("S3Key"), at + ".Filter.S3Key");
            List<Object> rules = Nodes.list(s3Key.get("Rules"), at + ".Filter.S3Key.Rules");
            Set<String> seen = new LinkedHashSet<>();
            for (int r = 0; r < rules.size(); r++) {
                String ruleAt = at + ".Filter.S3Key.Rules." + r;
                Map<String, Object> rule = Nodes.map(rules.get(r), ruleAt);
                String name = Nodes.string(rule.get("Name"), ruleAt + ".Name").toLowerCase(Locale.ROOT);
                if (!filter.containsKey(name) || !seen.add(name)) {
                    throw new TemplateException(ruleAt + ".Name", "expected one prefix and at most one suffix rule, got '" + rule.get("Name") + "'");
                }
                filter.put(name, Nodes.scalar(rule.get("Value"), ruleAt + ".Value"));
            }
        }
        return new QueueNotification(event, queueName, filter.get("prefix"), filter.get("suffix"));
    }

    private static QueueSpec queue(String id, Map<String, Object> properties, Resources resources, Map<String, String> queueNamesByArn) {
        String where = "Resources." + id + ".Properties";
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String key = property.getKey();
            if (key.equals("FifoQueue") && Nodes.bool(property.getValue(), where + "." + key)) {
                throw new TemplateException(where + ".FifoQueue", "FIFO queues are not supported: S3 cannot send event notifications to a FIFO queue");
            } else if (QUEUE_NO_LOCAL_EFFECT.contains(key)) {
                LOG.debug("{}.{} is understood but has no effect on the local SQS", where, key);
            } else if (!Set.of("QueueName", "FifoQueue", "VisibilityTimeout", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
                    "MessageRetentionPeriod", "MaximumMessageSize", "RedrivePolicy").contains(key)) {
                throw new TemplateException(where + "." + key, "property " + key + " of " + QUEUE + " cannot be emulated in local mode");
            }
        }
        String name = resources.physicalName(id);
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new TemplateException(where + ".QueueName", "'" + name + "' is not a valid SQS standard queue name (1-80 of A-Z a-z 0-9 - _)");
        }
        Redrive redrive = properties.containsKey("RedrivePolicy")
                ? redrive(properties.get("RedrivePolicy"), where + ".RedrivePolicy", queueNamesByArn) : null;
        // defaults and ranges as documented for SQS
        return new QueueSpec(id, name,
                intProperty(properties, "VisibilityTimeout", 30, 0, 43_200, where),
                intProperty(properties, "DelaySeconds", 0, 0, 900, where),
                intProperty(properties, "ReceiveMessageWaitTimeSeconds", 0, 0, 20, where),
                intProperty(properties, "MessageRetentionPeriod", 345_600, 60, 1_209_600, where),
                intProperty(properties, "MaximumMessageSize", 1_048_576, 1_024, 1_048_576, where),
                redrive);
    }

    private static Redrive redrive(Object value, String where, Map<String, String> queueNamesByArn) {
        // CloudFormation accepts the policy as a JSON object or as a JSON string
        Map<String, Object> policy = Nodes.map(value instanceof String json ? TemplateYaml.load(json) : value, where);
        for (String key : policy.keySet()) {
            if (!key.equals("deadLetterTargetArn") && !key.equals("maxReceiveCount")) {
                throw new TemplateException(where + "." + key, "unknown redrive policy key " + key);
            }
        }
        String arn = Nodes.string(policy.get("deadLetterTargetArn"), where + ".deadLetterTargetArn");
        String deadLetterQueue = queueNamesByArn.get(arn);
        if (deadLetterQueue == null) {
            throw new TemplateException(where + ".deadLetterTargetArn", "'" + arn + "' is not the ARN of a queue this template creates");
        }
        return new Redrive(deadLetterQueue, intProperty(policy, "maxReceiveCount", -1, 1, 1000, where));
    }

    private static int intProperty(Map<String, Object> properties, String key, int defaultValue, int min, int max, String where) {
        if (!properties.containsKey(key)) {
            if (defaultValue < min) {
                throw new TemplateException(where + "." + key, key + " is required");
            }
            return defaultValue;
        }
        int value = Nodes.integer(properties.get(key), where + "." + key);
        if (value < min || value > max) {
            throw new TemplateException(where + "." + key, key + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    // a queue comes after the queue it redrives to, whatever order the template lists them in
    private static List<QueueSpec> deadLetterQueuesFirst(Iterable<QueueSpec> queues) {
        Map<String, QueueSpec> byName = new LinkedHashMap<>();
        queues.forEach(q -> byName.put(q.name(), q));
        Map<String, QueueSpec> ordered = new LinkedHashMap<>();
        for (QueueSpec queue : byName.values()) {
            addAfterDeadLetterQueue(queue, byName, ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered.values());
    }

    private static void addAfterDeadLetterQueue(QueueSpec queue, Map<String, QueueSpec> byName, Map<String, QueueSpec> ordered, Set<String> path) {
        if (ordered.containsKey(queue.name())) {
            return;
        }
        if (!path.add(queue.name())) {
            throw new TemplateException("Resources." + queue.logicalId() + ".Properties.RedrivePolicy",
                    "circular redrive " + String.join(" -> ", path) + " -> " + queue.name());
        }
        if (queue.redrive() != null) {
            addAfterDeadLetterQueue(byName.get(queue.redrive().deadLetterQueueName()), byName, ordered, path);
        }
        ordered.put(queue.name(), queue);
    }

    private Map<String, String> outputs(Evaluator ev) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Nodes.section(document, "Outputs").forEach((name, definition) -> {
            String where = "Outputs." + name;
            Map<String, Object> output = Nodes.map(definition, where);
            if (output.containsKey("Condition") && !ev.conditions().isTrue(Nodes.string(output.get("Condition"), where + ".Condition"), where + ".Condition")) {
                return;
            }
            if (output.containsKey("Export")) {
                ev.intrinsics().eval(output.get("Export"), where + ".Export"); // no cross-stack exports locally, but the intrinsics must hold
            }
            Object value = ev.intrinsics().eval(output.get("Value"), where + ".Value");
            outputs.put(name, Nodes.scalar(value, where + ".Value"));
        });
        return Collections.unmodifiableMap(outputs);
    }
}
