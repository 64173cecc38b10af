package io.sqsextended.chain.local.template.eval;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The template's parameter values for one stack: overrides or defaults, checked against their declared constraints. */
final class Parameters {

    private final Map<String, Object> values = new LinkedHashMap<>();

    Parameters(Map<String, Object> declared, StackContext ctx) {
        for (String name : ctx.parameterOverrides().keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("Parameters",
                        "override for '" + name + "', which the template does not declare");
            }
        }
        declared.forEach((name, definition) ->
                values.put(name, resolve(name, Nodes.map(definition, "Parameters." + name), ctx)));
    }

    boolean declares(String name) {
        return values.containsKey(name);
    }

    /** A string, or a list of strings for the list types. */
    Object value(String name) {
        return values.get(name);
    }

    private static Object resolve(String name, Map<String, Object> definition, StackContext ctx) {
        String where = "Parameters." + name;
        String type = Nodes.string(definition.get("Type"), where + ".Type");
        String value = ctx.parameterOverrides().containsKey(name) ? ctx.parameterOverrides().get(name)
                : definition.containsKey("Default") ? Nodes.scalar(definition.get("Default"), where + ".Default")
                        : null;
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

    private static void checkConstraints(String where, Map<String, Object> definition, String value, boolean number) {
        String hint = definition.containsKey("ConstraintDescription")
                ? " (" + definition.get("ConstraintDescription") + ")" : "";
        if (definition.containsKey("AllowedValues")) {
            List<String> allowed = Nodes.list(definition.get("AllowedValues"), where + ".AllowedValues").stream()
                    .map(v -> Nodes.scalar(v, where + ".AllowedValues")).toList();
            if (!allowed.contains(value)) {
                throw new TemplateException(where, "value '" + value + "' is not one of " + allowed + hint);
            }
        }
        if (definition.containsKey("AllowedPattern")) {
            String pattern = Nodes.string(definition.get("AllowedPattern"), where + ".AllowedPattern");
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    throw new TemplateException(where,
                            "value '" + value + "' does not match AllowedPattern " + pattern + hint);
                }
            } catch (PatternSyntaxException e) {
                throw new TemplateException(where + ".AllowedPattern",
                        "not a valid regular expression: " + e.getMessage(), e);
            }
        }
        String length = "length of '" + value + "'";
        checkBound(where, definition, "MinLength", BigDecimal.valueOf(value.length()), length, hint);
        checkBound(where, definition, "MaxLength", BigDecimal.valueOf(value.length()), length, hint);
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

    private static void checkBound(String where, Map<String, Object> definition, String key, BigDecimal actual,
            String what, String hint) {
        if (!definition.containsKey(key)) {
            return;
        }
        BigDecimal bound = new BigDecimal(Nodes.scalar(definition.get(key), where + "." + key));
        boolean min = key.startsWith("Min");
        if (min ? actual.compareTo(bound) < 0 : actual.compareTo(bound) > 0) {
            throw new TemplateException(where,
                    what + " is " + (min ? "below " : "above ") + key + " " + bound.toPlainString() + hint);
        }
    }
}
