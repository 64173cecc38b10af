package io.sqsextended.chain.local.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates parameters, conditions and intrinsic functions of one template for one {@link StackContext}.
 * Paths in errors are dotted template paths such as {@code Resources.Queue.Properties.QueueName}.
 */
final class Evaluator {

    /** Result of {@code Ref: AWS::NoValue}: the enclosing key or list element disappears. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    static final String BUCKET = "AWS::S3::Bucket";
    static final String QUEUE = "AWS::SQS::Queue";

    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::StackName", "AWS::StackId", "AWS::AccountId",
            "AWS::Region", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    // functions that need a real AWS account (or a transform) to answer
    private static final Set<String> NEEDS_AWS = Set.of("Fn::GetAZs", "Fn::ImportValue", "Fn::Cidr", "Fn::Transform");

    private final StackContext ctx;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Object> mappings;
    private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new LinkedHashSet<>();
    private final Map<String, String> physicalNames = new HashMap<>();

    Evaluator(Map<String, Object> template, StackContext ctx) {
        this.ctx = ctx;
        this.conditionDefinitions = section(template, "Conditions");
        this.mappings = section(template, "Mappings");
        section(template, "Resources").forEach((id, definition) -> resources.put(id, map(definition, "Resources." + id)));
        resolveParameters(section(template, "Parameters"));
    }

    // ---------------------------------------------------------------- parameters

    private void resolveParameters(Map<String, Object> declared) {
        for (String name : ctx.parameterOverrides().keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("Parameters", "override for '" + name + "', which the template does not declare");
            }
        }
        declared.forEach((name, definition) -> parameters.put(name, resolveParameter(name, map(definition, "Parameters." + name))));
    }

    private Object resolveParameter(String name, Map<String, Object> definition) {
        String where = "Parameters." + name;
        String type = string(definition.get("Type"), where + ".Type");
        String value = ctx.parameterOverrides().containsKey(name) ? ctx.parameterOverrides().get(name)
                : definition.containsKey("Default") ? scalar(definition.get("Default"), where + ".Default") : null;
        if (value == null) {
            throw new TemplateException(where, "no value: the parameter has no Default and no override was given");
        }
        boolean list = type.equals("CommaDelimitedList") || type.equals("List<Number>");
        if (!list && !type.equals("String") && !type.equals("Number")) {
            throw new TemplateException(where, "parameter type " + type + " cannot be resolved in local mode");
        }
        List<String> values = list ? Arrays.stream(value.split(",", -1)).map(String::trim).toList() : List.of(value);
        for (String v : values) {
            checkConstraints(where, definition, v, type.contains("Number"));
        }
        return list ? values : value;
    }

    private void checkConstraints(String where, Map<String, Object> definition, String value, boolean number) {
        String hint = definition.containsKey("ConstraintDescription") ? " (" + definition.get("ConstraintDescription") + ")" : "";
        if (definition.containsKey("AllowedValues")) {
            List<String> allowed = list(definition.get("AllowedValues"), where + ".AllowedValues").stream()
                    .map(v -> scalar(v, where + ".AllowedValues")).toList();
            if (!allowed.contains(value)) {
                throw new TemplateException(where, "value '" + value + "' is not one of " + allowed + hint);
            }
        }
        if (definition.containsKey("AllowedPattern")) {
            String pattern = string(definition.get("AllowedPattern"), where + ".AllowedPattern");
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    throw new TemplateException(where, "value '" + value + "' does not match AllowedPattern " + pattern + hint);
                }
            } catch (PatternSyntaxException e) {
                throw new TemplateException(where + ".AllowedPattern", "not a valid regular expression: " + e.getMessage(), e);
            }
        }
        checkBound(where, definition, "MinLength", BigDecimal.valueOf(value.length()), "length of '" + value + "'", hint);
        checkBound(where, definition, "MaxLength", BigDecimal.valueOf(value.length()), "length of '" + value + "'", hint);
        if (number) {
            BigDecimal n;
            try {
                n = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new TemplateException(where, "value '" + value + "' is not a number" + hint, e);
            }
            checkBound(where, definition, "MinValue", n, "value " + value, hint);
            checkBound(where, definition, "MaxValue", n, "value " + value, hint);
        }
    }

    private void checkBound(String where, Map<String, Object> definition, String key, BigDecimal actual, String what, String hint) {
        if (!definition.containsKey(key)) {
            return;
        }
        BigDecimal bound = new BigDecimal(scalar(definition.get(key), where + "." + key));
        boolean min = key.startsWith("Min");
        if (min ? actual.compareTo(bound) < 0 : actual.compareTo(bound) > 0) {
            throw new TemplateException(where, what + " is " + (min ? "below " : "above ") + key + " " + bound.toPlainString() + hint);
        }
    }

    // ---------------------------------------------------------------- conditions

    boolean condition(String name, String path) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionDefinitions.containsKey(name)) {
            throw new TemplateException(path, "condition '" + name + "' is not defined in Conditions");
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException("Conditions." + name, "circular condition " + String.join(" -> ", conditionsInProgress) + " -> " + name);
        }
        boolean value = conditionExpression(conditionDefinitions.get(name), "Conditions." + name);
        conditionsInProgress.remove(name);
        conditionValues.put(name, value);
        return value;
    }

    /** Fn::Equals / Fn::Not / Fn::And / Fn::Or / Condition (and Fn::Contains, for Rules). */
    boolean conditionExpression(Object node, String path) {
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            String function = String.valueOf(m.keySet().iterator().next());
            Object argument = m.values().iterator().next();
            String at = path + "." + function;
            switch (function) {
                case "Condition":
                    return condition(string(argument, at), at);
                case "Fn::Equals": {
                    List<Object> args = arguments(argument, 2, at);
                    return Objects.equals(comparable(eval(args.get(0), at)), comparable(eval(args.get(1), at)));
                }
                case "Fn::Not":
                    return !conditionExpression(arguments(argument, 1, at).get(0), at);
                case "Fn::And":
                case "Fn::Or": {
                    List<Object> args = list(argument, at);
                    boolean and = function.equals("Fn::And");
                    for (Object arg : args) {
                        if (conditionExpression(arg, at) != and) {
                            return !and;
                        }
                    }
                    return and;
                }
                case "Fn::Contains": {
                    List<Object> args = arguments(argument, 2, at);
                    return list(eval(args.get(0), at), at).stream().map(this::comparable).toList()
                            .contains(comparable(eval(args.get(1), at)));
                }
                default:
                    break;
            }
        }
        Object value = eval(node, path);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new TemplateException(path, "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), got " + describe(value));
    }

    private Object comparable(Object value) {
        return value instanceof List<?> l ? l.stream().map(this::comparable).toList()
                : value instanceof Map<?, ?> ? value : String.valueOf(value);
    }

    /** Whether a resource is created: no Condition attribute, or a true one. */
    boolean isCreated(String logicalId) {
        Object name = resource(logicalId).get("Condition");
        String path = "Resources." + logicalId + ".Condition";
        return name == null || condition(string(name, path), path);
    }

    // ---------------------------------------------------------------- intrinsic functions

    /** Evaluates every intrinsic function in {@code node}; may return {@link #NO_VALUE}. */
    Object eval(Object node, String path) {
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
                if (value != NO_VALUE) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                Object value = eval(l.get(i), path + "." + i);
                if (value != NO_VALUE) {
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
                return ref(string(argument, at), at);
            case "Fn::GetAtt": {
                List<Object> args = arguments(argument instanceof String s ? List.of(s.split("\\.", 2)) : argument, 2, at);
                return getAtt(string(eval(args.get(0), at), at), string(eval(args.get(1), at), at), at);
            }
            case "Fn::Sub":
                return sub(argument, at);
            case "Fn::Join": {
                List<Object> args = arguments(argument, 2, at);
                List<String> parts = new ArrayList<>();
                for (Object part : list(eval(args.get(1), at), at)) {
                    parts.add(scalar(part, at));
                }
                return String.join(string(eval(args.get(0), at), at), parts);
            }
            case "Fn::Select": {
                List<Object> args = arguments(argument, 2, at);
                int index = integer(eval(args.get(0), at), at);
                List<Object> from = list(eval(args.get(1), at), at);
                if (index < 0 || index >= from.size()) {
                    throw new TemplateException(at, "index " + index + " is outside the list of " + from.size());
                }
                return from.get(index);
            }
            case "Fn::Split": {
                List<Object> args = arguments(argument, 2, at);
                String delimiter = string(eval(args.get(0), at), at);
                return List.<Object>of((Object[]) string(eval(args.get(1), at), at).split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If": {
                List<Object> args = arguments(argument, 3, at);
                return condition(string(args.get(0), at), at) ? eval(args.get(1), at + ".1") : eval(args.get(2), at + ".2");
            }
            case "Fn::Equals":
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or":
                return conditionExpression(Map.of(function, argument), path);
            case "Fn::FindInMap":
                return findInMap(arguments(argument, 3, at), at);
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(string(eval(argument, at), at).getBytes(StandardCharsets.UTF_8));
            default:
                throw new TemplateException(path, NEEDS_AWS.contains(function)
                        ? function + " needs a real AWS account and cannot be evaluated in local mode"
                        : "intrinsic function " + function + " is not supported in local mode");
        }
    }

    Object ref(String name, String path) {
        if (name.startsWith("AWS::")) {
            return pseudoParameter(name, path);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        String id = createdResource(name, path);
        String type = type(id);
        switch (type) {
            case BUCKET, "AWS::IAM::Role", "AWS::KMS::Alias", "AWS::KMS::Key":
                return physicalName(id);
            case QUEUE:
                // stand-in: the real URL is only known once the embedded SQS has created the queue
                return "https://sqs." + ctx.region() + ".amazonaws.com/" + ctx.accountId() + "/" + physicalName(id);
            case "AWS::IAM::ManagedPolicy":
                return "arn:aws:iam::" + ctx.accountId() + ":policy" + physicalName(id);
            case "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy", "AWS::IAM::Policy":
                return id;
            default:
                throw new TemplateException(path, "Ref to " + id + ": resource type " + type + " is not supported in local mode");
        }
    }

    private Object pseudoParameter(String name, String path) {
        switch (name) {
            case "AWS::StackName":
                return ctx.stackName();
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + ctx.region() + ":" + ctx.accountId() + ":stack/" + ctx.stackName() + "/"
                        + UUID.nameUUIDFromBytes(ctx.stackName().getBytes(StandardCharsets.UTF_8));
            case "AWS::AccountId":
                return ctx.accountId();
            case "AWS::Region":
                return ctx.region();
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::NotificationARNs":
                return List.of();
            default:
                throw new TemplateException(path, "unknown pseudo parameter " + name);
        }
    }

    String getAtt(String id, String attribute, String path) {
        String type = type(createdResource(id, path));
        String name = physicalName(id);
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
            List<Object> args = arguments(argument, 2, path);
            text = string(args.get(0), path);
            variables = map(args.get(1), path + ".1");
        } else {
            text = string(argument, path);
        }
        Matcher m = SUB_PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = scalar(eval(variables.get(expression), path + "." + expression), path + "." + expression);
            } else if (!expression.startsWith("AWS::") && expression.contains(".")) {
                String[] parts = expression.split("\\.", 2);
                replacement = getAtt(parts[0], parts[1], path);
            } else {
                replacement = scalar(ref(expression, path), path + " ${" + expression + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Object findInMap(List<Object> args, String path) {
        String mapName = string(eval(args.get(0), path), path);
        String top = scalar(eval(args.get(1), path), path);
        String second = scalar(eval(args.get(2), path), path);
        if (!mappings.containsKey(mapName)) {
            throw new TemplateException(path, "mapping '" + mapName + "' is not defined in Mappings");
        }
        Map<String, Object> level = map(mappings.get(mapName), "Mappings." + mapName);
        if (!level.containsKey(top)) {
            throw new TemplateException(path, "mapping '" + mapName + "' has no key '" + top + "'");
        }
        Map<String, Object> values = map(level.get(top), "Mappings." + mapName + "." + top);
        if (!values.containsKey(second)) {
            throw new TemplateException(path, "mapping '" + mapName + "." + top + "' has no key '" + second + "'");
        }
        return values.get(second);
    }

    // ---------------------------------------------------------------- resources

    Set<String> resourceIds() {
        return resources.keySet();
    }

    Map<String, Object> resource(String logicalId) {
        return resources.get(logicalId);
    }

    String type(String logicalId) {
        return string(resource(logicalId).get("Type"), "Resources." + logicalId + ".Type");
    }

    private String createdResource(String id, String path) {
        if (!resources.containsKey(id)) {
            throw new TemplateException(path, "refers to '" + id + "', which is neither a parameter nor a resource of the template");
        }
        if (!isCreated(id)) {
            throw new TemplateException(path, "refers to resource " + id + ", which is not created because its condition "
                    + resource(id).get("Condition") + " is false");
        }
        return id;
    }

    /** The name the resource gets: its name property, or a CloudFormation-like generated one. */
    String physicalName(String id) {
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
            case "AWS::KMS::Key" -> UUID.nameUUIDFromBytes((ctx.stackName() + "/" + id).getBytes(StandardCharsets.UTF_8)).toString();
            default -> id;
        };
        physicalNames.put(id, name);
        return name;
    }

    private String nameProperty(String id, String property, Supplier<String> generated) {
        Object properties = resource(id).get("Properties");
        String path = "Resources." + id + ".Properties";
        Object value = properties == null ? null : map(properties, path).get(property);
        Object evaluated = value == null ? NO_VALUE : eval(value, path + "." + property);
        return evaluated == NO_VALUE ? generated.get() : string(evaluated, path + "." + property);
    }

    /** {@code <stack>-<logicalId>-<suffix>}, the suffix a hash of both so the same stack always gets the same name. */
    private String generatedName(String id, int maxLength) {
        String suffix;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((ctx.stackName() + "/" + id).getBytes(StandardCharsets.UTF_8));
            suffix = new BigInteger(1, hash).toString(36).toUpperCase(Locale.ROOT).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String base = ctx.stackName() + "-" + id;
        return base.substring(0, Math.min(base.length(), maxLength - suffix.length() - 1)) + "-" + suffix;
    }

    /**
     * Resources in creation order (what a resource refers to, or DependsOn, comes first), failing on dangling and
     * circular references as CloudFormation does, whatever the conditions.
     */
    List<String> creationOrder() {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (String id : resources.keySet()) {
            Set<String> deps = new LinkedHashSet<>();
            Map<String, Object> definition = resource(id);
            Object dependsOn = definition.get("DependsOn");
            if (dependsOn != null) {
                for (Object d : dependsOn instanceof List<?> l ? l : List.of(dependsOn)) {
                    deps.add(existingResource(string(d, "Resources." + id + ".DependsOn"), "Resources." + id + ".DependsOn"));
                }
            }
            collectReferences(definition.get("Properties"), "Resources." + id + ".Properties", deps);
            dependencies.put(id, deps);
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String id : resources.keySet()) {
            visit(id, dependencies, new ArrayDeque<>(), done, order);
        }
        return order;
    }

    private void visit(String id, Map<String, Set<String>> dependencies, Deque<String> stack, Set<String> done, List<String> order) {
        if (done.contains(id)) {
            return;
        }
        if (stack.contains(id)) {
            List<String> cycle = new ArrayList<>(stack);
            Collections.reverse(cycle);
            cycle = new ArrayList<>(cycle.subList(cycle.indexOf(id), cycle.size()));
            cycle.add(id);
            throw new TemplateException("Resources." + id, "circular dependency " + String.join(" -> ", cycle));
        }
        stack.push(id);
        for (String dependency : dependencies.get(id)) {
            visit(dependency, dependencies, stack, done, order);
        }
        stack.pop();
        done.add(id);
        order.add(id);
    }

    /** Static walk (no evaluation): every resource named by Ref, Fn::GetAtt or Fn::Sub below {@code node}. */
    void collectReferences(Object node, String path, Set<String> into) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object argument = m.values().iterator().next();
                String at = path + "." + key;
                if (key.equals("Ref")) {
                    referencedName(string(argument, at), at, into);
                    return;
                }
                if (key.equals("Fn::GetAtt")) {
                    Object target = argument instanceof List<?> l && !l.isEmpty() ? l.get(0) : String.valueOf(argument).split("\\.")[0];
                    into.add(existingResource(string(target, at), at));
                    return;
                }
                if (key.equals("Fn::Sub")) {
                    Object text = argument instanceof List<?> l && !l.isEmpty() ? l.get(0) : argument;
                    Set<?> variables = argument instanceof List<?> l && l.size() > 1 && l.get(1) instanceof Map<?, ?> v ? v.keySet() : Set.of();
                    Matcher matcher = SUB_PLACEHOLDER.matcher(String.valueOf(text));
                    while (matcher.find()) {
                        String expression = matcher.group(1);
                        if (!expression.startsWith("!") && !variables.contains(expression)) {
                            referencedName(expression.startsWith("AWS::") ? expression : expression.split("\\.")[0], at, into);
                        }
                    }
                    if (argument instanceof List<?> l && l.size() > 1) {
                        collectReferences(l.get(1), at, into);
                    }
                    return;
                }
            }
            m.forEach((k, v) -> collectReferences(v, path + "." + k, into));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collectReferences(l.get(i), path + "." + i, into);
            }
        }
    }

    private void referencedName(String name, String path, Set<String> into) {
        if (name.startsWith("AWS::")) {
            if (!PSEUDO_PARAMETERS.contains(name)) {
                throw new TemplateException(path, "unknown pseudo parameter " + name);
            }
        } else if (!parameters.containsKey(name)) {
            into.add(existingResource(name, path));
        }
    }

    private String existingResource(String id, String path) {
        if (!resources.containsKey(id)) {
            throw new TemplateException(path, "refers to '" + id + "', which is neither a parameter nor a resource of the template");
        }
        return id;
    }

    // ---------------------------------------------------------------- value helpers

    static Map<String, Object> section(Map<String, Object> template, String name) {
        Object value = template.get(name);
        return value == null ? Map.of() : map(value, name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException(path, "expected a mapping, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String path) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new TemplateException(path, "expected a list, got " + describe(value));
    }

    private static List<Object> arguments(Object value, int count, String path) {
        List<Object> args = list(value, path);
        if (args.size() != count) {
            throw new TemplateException(path, "expected " + count + " arguments, got " + args.size());
        }
        return args;
    }

    static String string(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        throw new TemplateException(path, "expected a string, got " + describe(value));
    }

    /** A string, number or boolean as CloudFormation sees it: a string. */
    static String scalar(Object value, String path) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(path, "expected a single value, got " + describe(value));
    }

    static int integer(Object value, String path) {
        String text = scalar(value, path).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(path, "expected an integer, got '" + text + "'", e);
        }
    }

    static boolean bool(Object value, String path) {
        String text = scalar(value, path);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateException(path, "expected true or false, got '" + text + "'");
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value == NO_VALUE) {
            return "AWS::NoValue";
        }
        if (value instanceof Map<?, ?> m) {
            return "a mapping " + m.keySet();
        }
        return value instanceof List<?> ? "a list" : "'" + value + "'";
    }
}
