package io.sqsextended.chain.local.template.eval;

import static io.sqsextended.chain.local.template.eval.StackResources.BUCKET;
import static io.sqsextended.chain.local.template.eval.StackResources.QUEUE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::If, Fn::FindInMap ...) over nodes. */
public final class Intrinsics {

    /** A {@code ${...}} placeholder of Fn::Sub. */
    static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    // functions that need a real AWS account (or a transform) to answer
    private static final Set<String> NEEDS_AWS = Set.of("Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr", "Fn::Transform");

    private final Map<String, Object> mappings;
    private final StackContext ctx;
    private final Evaluator ev;

    Intrinsics(Map<String, Object> mappings, StackContext ctx, Evaluator ev) {
        this.mappings = mappings;
        this.ctx = ctx;
        this.ev = ev;
    }

    /** Evaluates every intrinsic function in {@code node}; may return {@link Nodes#NO_VALUE}. */
    public Object eval(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, m.values().iterator().next(), path);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object value = eval(v, path + "." + k);
                if (value != Nodes.NO_VALUE) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object value = eval(l.get(i), path + "." + i);
                if (value != Nodes.NO_VALUE) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    private Object function(String function, Object argument, String path) {
        String at = path + "." + function;
        switch (function) {
            case "Ref":
                return ref(Nodes.string(argument, at), at);
            case "Fn::GetAtt": {
                List<Object> args = Nodes.arguments(
                        argument instanceof String s ? List.of(s.split("\\.", 2)) : argument, 2, at);
                return getAtt(Nodes.string(eval(args.get(0), at), at), Nodes.string(eval(args.get(1), at), at), at);
            }
            case "Fn::Sub":
                return sub(argument, at);
            case "Fn::Join": {
                List<Object> args = Nodes.arguments(argument, 2, at);
                List<String> parts = new ArrayList<>();
                for (Object part : Nodes.list(eval(args.get(1), at), at)) {
                    parts.add(Nodes.scalar(part, at));
                }
                return String.join(Nodes.string(eval(args.get(0), at), at), parts);
            }
            case "Fn::Select": {
                List<Object> args = Nodes.arguments(argument, 2, at);
                int index = Nodes.integer(eval(args.get(0), at), at);
                List<Object> from = Nodes.list(eval(args.get(1), at), at);
                if (index < 0 || index >= from.size()) {
                    throw new TemplateException(at, "index " + index + " is outside the list of " + from.size());
                }
                return from.get(index);
            }
            case "Fn::Split": {
                List<Object> args = Nodes.arguments(argument, 2, at);
                String delimiter = Nodes.string(eval(args.get(0), at), at);
                return List.<Object>of((Object[]) Nodes.string(eval(args.get(1), at), at)
                        .split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If": {
                List<Object> args = Nodes.arguments(argument, 3, at);
                return ev.conditions().isTrue(Nodes.string(args.get(0), at), at) ? eval(args.get(1), at + ".1")
                        : eval(args.get(2), at + ".2");
            }
            case "Fn::Equals":
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or":
                return ev.conditions().evaluate(Map.of(function, argument), path);
            case "Fn::FindInMap":
                return findInMap(Nodes.arguments(argument, 3, at), at);
            case "Fn::Base64":
                return Base64.getEncoder()
                        .encodeToString(Nodes.string(eval(argument, at), at).getBytes(StandardCharsets.UTF_8));
            default:
                throw new TemplateException(path, NEEDS_AWS.contains(function)
                        ? function + " needs a real AWS account and cannot be evaluated in local mode"
                        : "intrinsic function " + function + " is not supported in local mode");
        }
    }

    private Object ref(String name, String path) {
        if (name.startsWith("AWS::")) {
            return PseudoParameters.value(name, path, ctx);
        }
        if (ev.parameters().declares(name)) {
            return ev.parameters().value(name);
        }
        StackResources resources = ev.resources();
        String id = resources.created(name, path);
        String type = resources.type(id);
        switch (type) {
            case BUCKET, "AWS::IAM::Role", "AWS::KMS::Alias", "AWS::KMS::Key":
                return resources.physicalName(id);
            case QUEUE:
                // stand-in: the real URL is only known once the embedded SQS has created the queue
                return "https://sqs." + ctx.region() + ".amazonaws.com/" + ctx.accountId() + "/"
                        + resources.physicalName(id);
            case "AWS::IAM::ManagedPolicy":
                return "arn:aws:iam::" + ctx.accountId() + ":policy" + resources.physicalName(id);
            case "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy", "AWS::IAM::Policy":
                return id;
            default:
                throw new TemplateException(path,
                        "Ref to " + id + ": resource type " + type + " is not supported in local mode");
        }
    }

    /** {@code Fn::GetAtt} of a created resource's attribute. */
    public String getAtt(String id, String attribute, String path) {
        StackResources resources = ev.resources();
        String type = resources.type(resources.created(id, path));
        String name = resources.physicalName(id);
        String value = switch (type + "." + attribute) {
            case BUCKET + ".Arn" -> "arn:aws:s3:::" + name;
            case BUCKET + ".DomainName" -> name + ".s3.amazonaws.com";
            case BUCKET + ".RegionalDomainName" -> name + ".s3." + ctx.region() + ".amazonaws.com";
            case QUEUE + ".Arn" -> "arn:aws:sqs:" + ctx.region() + ":" + ctx.accountId() + ":" + name;
            case QUEUE + ".QueueName" -> name;
            case QUEUE + ".QueueUrl" -> (String) ref(id, path);
            case "AWS::IAM::ManagedPolicy.PolicyArn" -> (String) ref(id, path);
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ctx.accountId() + ":role/" + name;
            case "AWS::KMS::Key.KeyId" -> name;
            case "AWS::KMS::Key.Arn" -> "arn:aws:kms:" + ctx.region() + ":" + ctx.accountId() + ":key/" + name;
            default -> null;
        };
        if (value == null) {
            throw new TemplateException(path, "Fn::GetAtt " + id + "." + attribute + ": attribute " + attribute + " of "
                    + type + " is not supported in local mode");
        }
        return value;
    }

    private String sub(Object argument, String path) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?>) {
            List<Object> args = Nodes.arguments(argument, 2, path);
            text = Nodes.string(args.get(0), path);
            variables = Nodes.map(args.get(1), path + ".1");
        } else {
            text = Nodes.string(argument, path);
        }
        Matcher m = SUB_PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = Nodes.scalar(eval(variables.get(expression), path + "." + expression),
                        path + "." + expression);
            } else if (!expression.startsWith("AWS::") && expression.contains(".")) {
                String[] parts = expression.split("\\.", 2);
                replacement = getAtt(parts[0], parts[1], path);
            } else {
                replacement = Nodes.scalar(ref(expression, path), path + " ${" + expression + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object findInMap(List<Object> args, String path) {
        String mapName = Nodes.string(eval(args.get(0), path), path);
        String top = Nodes.scalar(eval(args.get(1), path), path);
        String second = Nodes.scalar(eval(args.get(2), path), path);
        if (!mappings.containsKey(mapName)) {
            throw new TemplateException(path, "mapping '" + mapName + "' is not defined in Mappings");
        }
        Map<String, Object> level = Nodes.map(mappings.get(mapName), "Mappings." + mapName);
        if (!level.containsKey(top)) {
            throw new TemplateException(path, "mapping '" + mapName + "' has no key '" + top + "'");
        }
        Map<String, Object> values = Nodes.map(level.get(top), "Mappings." + mapName + "." + top);
        if (!values.containsKey(second)) {
            throw new TemplateException(path, "mapping '" + mapName + "." + top + "' has no key '" + second + "'");
        }
        return values.get(second);
    }
}
