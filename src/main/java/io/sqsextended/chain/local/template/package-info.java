/**
 * The CloudFormation subset local mode evaluates, into a provisioned stack of buckets and queues.
 * <ul>
 * <li>{@code CloudFormationTemplate} (read, provision) into {@code ProvisionedStack};</li>
 * <li>{@code StackContext}, {@code Evaluator}, {@code Parameters}, {@code PseudoParameters}, {@code Conditions},
 * {@code Intrinsics} (evaluation);</li>
 * <li>{@code StackResources} (logical ids, physical names), {@code CreationOrder}, {@code QueueArns};</li>
 * <li>{@code BucketProperties}, {@code BucketCors}, {@code QueueProperties}, {@code PropertySupport} (each resource
 * type's properties);</li>
 * <li>{@code TemplateYaml}, {@code Nodes}, {@code TemplateException}.</li>
 * </ul>
 * Knows no other part.
 */
package io.sqsextended.chain.local.template;
