package io.sqsextended.chain.local.template.eval;

import java.util.List;
import java.util.Map;

/** Typed access to the parsed template tree: each accessor names the path and what it found when the shape is wrong. */
public final class Nodes {

    /** Result of {@code Ref: AWS::NoValue}: the enclosing key or list element disappears. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private Nodes() {
    }

    public static Map<String, Object> section(Map<String, Object> template, String name) {
        Object value = template.get(name);
        return value == null ? Map.of() : map(value, name);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException(path, "expected a mapping, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value, String path) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new TemplateException(path, "expected a list, got " + describe(value));
    }

    /** The argument list of an intrinsic function that takes exactly {@code count} arguments. */
    public static List<Object> arguments(Object value, int count, String path) {
        List<Object> args = list(value, path);
        if (args.size() != count) {
            throw new TemplateException(path, "expected " + count + " arguments, got " + args.size());
        }
        return args;
    }

    public static String string(Object value, String path) {
        if (value instanceof String s) {
            return s;
        }
        throw new TemplateException(path, "expected a string, got " + describe(value));
    }

    /** A string, number or boolean as CloudFormation sees it: a string. */
    public static String scalar(Object value, String path) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(path, "expected a single value, got " + describe(value));
    }

    public static int integer(Object value, String path) {
        String text = scalar(value, path).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(path, "expected an integer, got '" + text + "'", e);
        }
    }

    public static boolean bool(Object value, String path) {
        String text = scalar(value, path);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateException(path, "expected true or false, got '" + text + "'");
    }

    public static String describe(Object value) {
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
