package io.sqsextended.chain.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.local.template.ProvisionedStack.CorsRule;
import io.sqsextended.chain.local.template.eval.Nodes;
import io.sqsextended.chain.local.template.eval.TemplateException;

/** Reads a bucket's evaluated {@code CorsConfiguration} into the rules the embedded S3 answers browsers with. */
final class BucketCors {

    private static final Set<String> RULE_PROPERTIES = Set.of("Id", "AllowedOrigins", "AllowedMethods",
            "AllowedHeaders", "ExposedHeaders", "MaxAge");
    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    private BucketCors() {
    }

    static List<CorsRule> read(Object configuration, String where) {
        Map<String, Object> cors = Nodes.map(configuration, where);
        for (String key : cors.keySet()) {
            if (!key.equals("CorsRules")) {
                throw new TemplateException(where + "." + key, "unknown property " + key + " of a CORS configuration");
            }
        }
        List<Object> entries = Nodes.list(cors.get("CorsRules"), where + ".CorsRules");
        List<CorsRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            rules.add(rule(Nodes.map(entries.get(i), where + ".CorsRules." + i), where + ".CorsRules." + i));
        }
        return List.copyOf(rules);
    }

    private static CorsRule rule(Map<String, Object> rule, String at) {
        for (String key : rule.keySet()) {
            if (!RULE_PROPERTIES.contains(key)) {
                throw new TemplateException(at + "." + key, "unknown property " + key + " of a CORS rule");
            }
        }
        List<String> methods = strings(rule.get("AllowedMethods"), at + ".AllowedMethods");
        for (String method : methods) {
            if (!METHODS.contains(method)) {
                throw new TemplateException(at + ".AllowedMethods", "'" + method + "' is not one of " + METHODS);
            }
        }
        List<String> origins = strings(rule.get("AllowedOrigins"), at + ".AllowedOrigins");
        if (origins.isEmpty() || methods.isEmpty()) {
            throw new TemplateException(at, "a CORS rule needs AllowedOrigins and AllowedMethods");
        }
        return new CorsRule(origins, methods, optional(rule, "AllowedHeaders", at),
                optional(rule, "ExposedHeaders", at), maxAge(rule, at));
    }

    private static int maxAge(Map<String, Object> rule, String at) {
        if (!rule.containsKey("MaxAge")) {
            return 0;
        }
        String value = Nodes.scalar(rule.get("MaxAge"), at + ".MaxAge");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TemplateException(at + ".MaxAge", "'" + value + "' is not a number of seconds", e);
        }
    }

    private static List<String> optional(Map<String, Object> rule, String key, String at) {
        return rule.containsKey(key) ? strings(rule.get(key), at + "." + key) : List.of();
    }

    private static List<String> strings(Object value, String where) {
        return value == null ? List.of() : Nodes.list(value, where).stream().map(v -> Nodes.string(v, where)).toList();
    }
}
