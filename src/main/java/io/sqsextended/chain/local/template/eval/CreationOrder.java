package io.sqsextended.chain.local.template.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** The resources in creation order (what one refers to or DependsOn first); dangling or circular references fail. */
final class CreationOrder {

    private final StackResources resources;
    private final Parameters parameters;

    private CreationOrder(StackResources resources, Parameters parameters) {
        this.resources = resources;
        this.parameters = parameters;
    }

    /** All resources, whatever their conditions: CloudFormation refuses dangling and circular references in any. */
    static List<String> of(StackResources resources, Parameters parameters) {
        return new CreationOrder(resources, parameters).order();
    }

    private List<String> order() {
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (String id : resources.ids()) {
            Set<String> deps = new LinkedHashSet<>();
            Map<String, Object> definition = resources.definition(id);
            Object dependsOn = definition.get("DependsOn");
            if (dependsOn != null) {
                for (Object d : dependsOn instanceof List<?> l ? l : List.of(dependsOn)) {
                    deps.add(resources.existing(Nodes.string(d, "Resources." + id + ".DependsOn"),
                            "Resources." + id + ".DependsOn"));
                }
            }
            collectReferences(definition.get("Properties"), "Resources." + id + ".Properties", deps);
            dependencies.put(id, deps);
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String id : resources.ids()) {
            visit(id, dependencies, new ArrayDeque<>(), done, order);
        }
        return order;
    }

    private static void visit(String id, Map<String, Set<String>> dependencies, Deque<String> stack, Set<String> done,
            List<String> order) {
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
    private void collectReferences(Object node, String path, Set<String> into) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object argument = m.values().iterator().next();
                String at = path + "." + key;
                if (key.equals("Ref")) {
                    referencedName(Nodes.string(argument, at), at, into);
                    return;
                }
                if (key.equals("Fn::GetAtt")) {
                    Object target = argument instanceof List<?> l && !l.isEmpty() ? l.get(0)
                            : String.valueOf(argument).split("\\.")[0];
                    into.add(resources.existing(Nodes.string(target, at), at));
                    return;
                }
                if (key.equals("Fn::Sub")) {
                    Object text = argument instanceof List<?> l && !l.isEmpty() ? l.get(0) : argument;
                    Set<?> variables = argument instanceof List<?> l && l.size() > 1 && l.get(1) instanceof Map<?, ?> v
                            ? v.keySet() : Set.of();
                    Matcher matcher = Intrinsics.SUB_PLACEHOLDER.matcher(String.valueOf(text));
                    while (matcher.find()) {
                        String expression = matcher.group(1);
                        if (!expression.startsWith("!") && !variables.contains(expression)) {
                            referencedName(expression.startsWith("AWS::") ? expression : expression.split("\\.")[0],
                                    at, into);
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
            PseudoParameters.check(name, path);
        } else if (!parameters.declares(name)) {
            into.add(resources.existing(name, path));
        }
    }
}
