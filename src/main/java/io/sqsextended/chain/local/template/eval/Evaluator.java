package io.sqsextended.chain.local.template.eval;

import java.util.List;
import java.util.Map;

/** One template evaluated for one {@link StackContext}: its parameters, conditions, resources and intrinsics. */
public final class Evaluator {

    private final Conditions conditions;
    private final Intrinsics intrinsics;
    private final StackResources resources;
    private final Parameters parameters;

    public Evaluator(Map<String, Object> template, StackContext ctx) {
        // handing out this is safe: the parts call one another only once evaluation starts; sections in their old order
        this.conditions = new Conditions(Nodes.section(template, "Conditions"), this);
        this.intrinsics = new Intrinsics(Nodes.section(template, "Mappings"), ctx, this);
        this.resources = new StackResources(Nodes.section(template, "Resources"), ctx, this);
        this.parameters = new Parameters(Nodes.section(template, "Parameters"), ctx);
    }

    public Conditions conditions() {
        return conditions;
    }

    public Intrinsics intrinsics() {
        return intrinsics;
    }

    public StackResources resources() {
        return resources;
    }

    Parameters parameters() {
        return parameters;
    }

    /** Every resource in creation order, whatever its condition; dangling or circular references fail. */
    public List<String> creationOrder() {
        return CreationOrder.of(resources, parameters);
    }
}
