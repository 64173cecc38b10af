package io.sqsextended.chain.local.template.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What CloudFormation would know about a stack being created: its name, account, region and the parameter
 * values given on the command line.
 */
public record StackContext(String stackName, String accountId, String region, Map<String, String> parameterOverrides) {

    public StackContext {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        parameterOverrides = parameterOverrides == null ? Map.of() : Map.copyOf(parameterOverrides);
    }

    /** A stack with every parameter at its default. */
    public static StackContext of(String stackName, String accountId, String region) {
        return new StackContext(stackName, accountId, region, Map.of());
    }

    /** The same stack with these parameter values (added to, and winning over, the current overrides). */
    public StackContext withParameters(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(parameterOverrides);
        merged.putAll(overrides);
        return new StackContext(stackName, accountId, region, merged);
    }
}
