package io.sqsextended.chain.local.template;

import static io.sqsextended.chain.local.template.eval.StackResources.BUCKET;
import static io.sqsextended.chain.local.template.eval.StackResources.QUEUE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.local.template.ProvisionedStack.BucketSpec;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueSpec;
import io.sqsextended.chain.local.template.eval.Conditions;
import io.sqsextended.chain.local.template.eval.Evaluator;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.StackContext;
import io.sqsextended.chain.local.template.eval.StackResources;
import io.sqsextended.chain.local.template.eval.TemplateException;
import io.sqsextended.chain.local.template.eval.TemplateYaml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final Map<String, Object> document;

    private CloudFormationTemplate(Map<String, Object> document) {
        this.document = Collections.unmodifiableMap(document);
    }

    /** Parses the template at {@code location}: {@code classpath:<resource>}, {@code file:<path>} or a path. */
    public static CloudFormationTemplate read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            try (InputStream in = CloudFormationTemplate.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("CloudFormation template not found on the classpath: " + resource);
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parse(Files.readString(Path.of(location.replaceFirst("^file:", ""))));
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
                throw new TemplateException("Transform",
                        "transforms (SAM, macros, language extensions) cannot be expanded in local mode");
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

    /** The names of the template's Parameters. */
    public Set<String> parameterNames() {
        return Nodes.section(document, "Parameters").keySet();
    }

    /** Evaluates the template for one stack and returns the buckets and queues to create locally. */
    public ProvisionedStack provision(StackContext ctx) {
        Evaluator ev = new Evaluator(document, ctx);
        StackResources resources = ev.resources();
        checkRules(ev.conditions());
        List<String> order = ev.creationOrder();
        List<String> created = order.stream().filter(resources::isCreated).toList();
        order.stream().filter(id -> !created.contains(id))
                .forEach(id -> LOG.debug("{} is not created: its condition is false", id));

        QueueArns queueArns = new QueueArns();
        for (String id : created) {
            checkAttributes(id, resources.definition(id));
            if (resources.type(id).equals(QUEUE)) {
                queueArns.add(ev.intrinsics().getAtt(id, "Arn", "Resources." + id), resources.physicalName(id));
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
            Map<String, Object> properties = raw == null ? Map.of()
                    : Nodes.map(ev.intrinsics().eval(raw, where), where);
            if (type.equals(BUCKET)) {
                buckets.add(BucketProperties.read(id, properties, resources, queueArns));
            } else if (type.equals(QUEUE)) {
                queues.put(id, QueueProperties.read(id, properties, resources, queueArns));
            } else if (NOT_APPLICABLE.contains(type)) {
                notApplicable.add(id);
            } else {
                throw new TemplateException("Resources." + id + ".Type",
                        "resource type " + type + " is not supported in local mode");
            }
        }
        if (!notApplicable.isEmpty()) {
            LOG.info("Local mode has no counterpart for {} (IAM, KMS and resource policies are not enforced)",
                    notApplicable);
        }
        QueueProperties.requireStandardNotificationTargets(buckets, queues.values());
        return new ProvisionedStack(List.copyOf(buckets), QueueProperties.deadLetterQueuesFirst(queues.values()),
                outputs(ev), List.copyOf(notApplicable));
    }

    // Rules are parameter assertions: honour them, as CloudFormation refuses the stack when one fails
    private void checkRules(Conditions conditions) {
        Nodes.section(document, "Rules").forEach((name, definition) -> {
            String where = "Rules." + name;
            Map<String, Object> rule = Nodes.map(definition, where);
            if (rule.containsKey("RuleCondition")
                    && !conditions.evaluate(rule.get("RuleCondition"), where + ".RuleCondition")) {
                return;
            }
            List<Object> assertions = Nodes.list(rule.getOrDefault("Assertions", List.of()), where + ".Assertions");
            for (int i = 0; i < assertions.size(); i++) {
                Map<String, Object> assertion = Nodes.map(assertions.get(i), where + ".Assertions." + i);
                if (!conditions.evaluate(assertion.get("Assert"), where + ".Assertions." + i + ".Assert")) {
                    throw new TemplateException(where,
                            String.valueOf(assertion.getOrDefault("AssertDescription", "assertion " + i + " failed")));
                }
            }
        });
    }

    private static void checkAttributes(String id, Map<String, Object> definition) {
        for (String attribute : definition.keySet()) {
            if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                throw new TemplateException("Resources." + id + "." + attribute,
                        "unknown resource attribute " + attribute);
            }
        }
    }

    private Map<String, String> outputs(Evaluator ev) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Nodes.section(document, "Outputs").forEach((name, definition) -> {
            String where = "Outputs." + name;
            Map<String, Object> output = Nodes.map(definition, where);
            if (output.containsKey("Condition")
                    && !ev.conditions().isTrue(Nodes.string(output.get("Condition"), where + ".Condition"),
                            where + ".Condition")) {
                return;
            }
            if (output.containsKey("Export")) {
                // no cross-stack exports locally, but the intrinsics must hold
                ev.intrinsics().eval(output.get("Export"), where + ".Export");
            }
            Object value = ev.intrinsics().eval(output.get("Value"), where + ".Value");
            outputs.put(name, Nodes.scalar(value, where + ".Value"));
        });
        return Collections.unmodifiableMap(outputs);
    }
}
