package io.sqsextended.chain.local.template.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The {@code AWS::} pseudo parameters, answered the way CloudFormation would for one stack. */
final class PseudoParameters {

    private static final Map<String, Function<StackContext, Object>> VALUES = Map.of(
            "AWS::StackName", StackContext::stackName,
            "AWS::StackId", ctx -> "arn:aws:cloudformation:" + ctx.region() + ":" + ctx.accountId() + ":stack/"
                    + ctx.stackName() + "/" + UUID.nameUUIDFromBytes(ctx.stackName().getBytes(StandardCharsets.UTF_8)),
            "AWS::AccountId", StackContext::accountId,
            "AWS::Region", StackContext::region,
            "AWS::Partition", ctx -> "aws",
            "AWS::URLSuffix", ctx -> "amazonaws.com",
            "AWS::NoValue", ctx -> Nodes.NO_VALUE,
            "AWS::NotificationARNs", ctx -> List.of());

    private PseudoParameters() {
    }

    /** Fails unless {@code name} is a pseudo parameter CloudFormation knows. */
    static void check(String name, String path) {
        known(name, path);
    }

    static Object value(String name, String path, StackContext ctx) {
        return known(name, path).apply(ctx);
    }

    private static Function<StackContext, Object> known(String name, String path) {
        Function<StackContext, Object> value = VALUES.get(name);
        if (value == null) {
            throw new TemplateException(path, "unknown pseudo parameter " + name);
        }
        return value;
    }
}
