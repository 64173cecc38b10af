package io.sqsextended.chain.local.template.eval;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The template's Conditions, each evaluated once, and the condition functions they (and Rules) are written in. */
public final class Conditions {

    private final Map<String, Object> definitions;
    private final Evaluator ev;
    private final Map<String, Boolean> values = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();

    Conditions(Map<String, Object> definitions, Evaluator ev) {
        this.definitions = definitions;
        this.ev = ev;
    }

    /** The value of the condition called {@code name}, failing on undefined and circular conditions. */
    public boolean isTrue(String name, String path) {
        Boolean known = values.get(name);
        if (known != null) {
            return known;
        }
        if (!definitions.containsKey(name)) {
            throw new TemplateException(path, "condition '" + name + "' is not defined in Conditions");
        }
        if (!inProgress.add(name)) {
            throw new TemplateException("Conditions." + name,
                    "circular condition " + String.join(" -> ", inProgress) + " -> " + name);
        }
        boolean value = evaluate(definitions.get(name), "Conditions." + name);
        inProgress.remove(name);
        values.put(name, value);
        return value;
    }

    /** Fn::Equals / Fn::Not / Fn::And / Fn::Or / Condition (and Fn::Contains, for Rules). */
    public boolean evaluate(Object node, String path) {
        if (node instanceof Map<?, ?> m && m.size() == 1) {
            String function = String.valueOf(m.keySet().iterator().next());
            Object argument = m.values().iterator().next();
            String at = path + "." + function;
            switch (function) {
                case "Condition":
                    return isTrue(Nodes.string(argument, at), at);
                case "Fn::Equals": {
                    List<Object> args = Nodes.arguments(argument, 2, at);
                    return Objects.equals(comparable(eval(args.get(0), at)), comparable(eval(args.get(1), at)));
                }
                case "Fn::Not":
                    return !evaluate(Nodes.arguments(argument, 1, at).get(0), at);
                case "Fn::And":
                case "Fn::Or": {
                    List<Object> args = Nodes.list(argument, at);
                    boolean and = function.equals("Fn::And");
                    for (Object arg : args) {
                        if (evaluate(arg, at) != and) {
                            return !and;
                        }
                    }
                    return and;
                }
                case "Fn::Contains": {
                    List<Object> args = Nodes.arguments(argument, 2, at);
                    return Nodes.list(eval(args.get(0), at), at).stream().map(this::comparable).toList()
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
        throw new TemplateException(path, "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition), got "
                + Nodes.describe(value));
    }

    private Object eval(Object node, String path) {
        return ev.intrinsics().eval(node, path);
    }

    private Object comparable(Object value) {
        return value instanceof List<?> l ? l.stream().map(this::comparable).toList()
                : value instanceof Map<?, ?> ? value : String.valueOf(value);
    }
}
