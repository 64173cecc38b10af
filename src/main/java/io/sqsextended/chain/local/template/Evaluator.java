package io.sqsextended.chain.local.template;

import java.util.Map;

/**
 * One template evaluated for one {@link StackContext}: wires its parameters, conditions, resources and intrinsic
 * functions, which refer to one another. Paths in errors are dotted template paths such as
 * {@code Resources.Queue.Properties.QueueName}.
 */
final class Evaluator {

    private final Conditions conditions;
    private final Intrinsics intrinsics;
    private final Resources resources;
    private final Parameters parameters;

    Evaluator(Map<String, Object> template, StackContext ctx) {
        // the parts only call one another once evaluation starts, after this constructor; sections are read in this order
        this.conditions = new Conditions(Nodes.section(template, "Conditions"), this);
        this.intrinsics = new Intrinsics(Nodes.section(template, "Mappings"), ctx, this);
        this.resources = new Resources(Nodes.section(template, "Resources"), ctx, this);
        this.parameters = new Parameters(Nodes.section(template, "Parameters"), ctx);
    }

    Conditions conditions() {
        return conditions;
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    Resources resources() {
        return resources;
    }

    Parameters parameters() {
        return parameters;
    }
}
