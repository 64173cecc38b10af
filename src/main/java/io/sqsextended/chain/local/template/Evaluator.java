package io.sqsextended.chain.local.template;

import java.util.Map;

/** One template evaluated for one {@link StackContext}: its parameters, conditions, resources and intrinsics. */
final class Evaluator {

    private final Conditions conditions;
    private final Intrinsics intrinsics;
    private final StackResources resources;
    private final Parameters parameters;

    Evaluator(Map<String, Object> template, StackContext ctx) {
        // handing out this is safe: the parts call one another only once evaluation starts; sections in their old order
        this.conditions = new Conditions(Nodes.section(template, "Conditions"), this);
        this.intrinsics = new Intrinsics(Nodes.section(template, "Mappings"), ctx, this);
        this.resources = new StackResources(Nodes.section(template, "Resources"), ctx, this);
        this.parameters = new Parameters(Nodes.section(template, "Parameters"), ctx);
    }

    Conditions conditions() {
        return conditions;
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    StackResources resources() {
        return resources;
    }

    Parameters parameters() {
        return parameters;
    }
}
