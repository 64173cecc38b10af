package io.sqsextended.chain.local.template.eval;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.sqsextended.chain.wire.Sha256;

/** The template's resources: their definitions, whether each is created, and the physical name each gets. */
public final class StackResources {

    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String QUEUE = "AWS::SQS::Queue";

    private final Map<String, Map<String, Object>> definitions = new LinkedHashMap<>();
    private final Map<String, String> physicalNames = new HashMap<>();
    private final StackContext ctx;
    private final Evaluator ev;

    StackResources(Map<String, Object> section, StackContext ctx, Evaluator ev) {
        section.forEach((id, definition) -> definitions.put(id, Nodes.map(definition, "Resources." + id)));
        this.ctx = ctx;
        this.ev = ev;
    }

    /** Logical ids in template order. */
    Set<String> ids() {
        return definitions.keySet();
    }

    public Map<String, Object> definition(String logicalId) {
        return definitions.get(logicalId);
    }

    public String type(String logicalId) {
        return Nodes.string(definition(logicalId).get("Type"), "Resources." + logicalId + ".Type");
    }

    /** Whether a resource is created: no Condition attribute, or a true one. */
    public boolean isCreated(String logicalId) {
        Object name = definition(logicalId).get("Condition");
        String path = "Resources." + logicalId + ".Condition";
        return name == null || ev.conditions().isTrue(Nodes.string(name, path), path);
    }

    /** {@code id}, failing unless the template declares such a resource. */
    String existing(String id, String path) {
        if (!definitions.containsKey(id)) {
            throw new TemplateException(path,
                    "refers to '" + id + "', which is neither a parameter nor a resource of the template");
        }
        return id;
    }

    /** {@code id}, failing unless the template declares such a resource and creates it. */
    String created(String id, String path) {
        if (!isCreated(existing(id, path))) {
            throw new TemplateException(path, "refers to resource " + id + ", which is not created because its "
                    + "condition " + definition(id).get("Condition") + " is false");
        }
        return id;
    }

    /** The name the resource gets: its name property, or a CloudFormation-like generated one. */
    public String physicalName(String id) {
        String known = physicalNames.get(id);
        if (known != null) {
            return known;
        }
        String name = switch (type(id)) {
            case BUCKET -> nameProperty(id, "BucketName", () -> generatedName(id, 63).toLowerCase(Locale.ROOT));
            case QUEUE -> nameProperty(id, "QueueName", () -> generatedName(id, 80));
            case "AWS::IAM::Role" -> nameProperty(id, "RoleName", () -> generatedName(id, 64));
            // Ref of a managed policy is its ARN, which includes the path
            case "AWS::IAM::ManagedPolicy" -> nameProperty(id, "Path", () -> "/")
                    + nameProperty(id, "ManagedPolicyName", () -> ctx.stackName() + "-" + id);
            case "AWS::KMS::Alias" -> nameProperty(id, "AliasName", () -> {
                throw new TemplateException("Resources." + id + ".Properties", "AliasName is required");
            });
            case "AWS::KMS::Key" ->
                    UUID.nameUUIDFromBytes((ctx.stackName() + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
            default -> id;
        };
        physicalNames.put(id, name);
        return name;
    }

    private String nameProperty(String id, String property, Supplier<String> generated) {
        Object properties = definition(id).get("Properties");
        String path = "Resources." + id + ".Properties";
        Object value = properties == null ? null : Nodes.map(properties, path).get(property);
        Object evaluated = value == null ? Nodes.NO_VALUE : ev.intrinsics().eval(value, path + "." + property);
        return evaluated == Nodes.NO_VALUE ? generated.get() : Nodes.string(evaluated, path + "." + property);
    }

    /** {@code <stack>-<logicalId>-<suffix>}, the suffix a hash of both so the same stack always gets the same name. */
    private String generatedName(String id, int maxLength) {
        byte[] hash = Sha256.of(ctx.stackName() + "/" + id);
        String suffix = new BigInteger(1, hash).toString(36).toUpperCase(Locale.ROOT).substring(0, 12);
        String base = ctx.stackName() + "-" + id;
        return base.substring(0, Math.min(base.length(), maxLength - suffix.length() - 1)) + "-" + suffix;
    }
}
