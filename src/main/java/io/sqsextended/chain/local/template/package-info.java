/**
 * The CloudFormation subset local mode evaluates: parameters, pseudo parameters, conditions, intrinsic functions and
 * the bucket, queue and policy resources, in creation order, into a provisioned stack of buckets and queues.
 * <p>
 * {@code CloudFormationTemplate} (read, provision) into {@code ProvisionedStack}, evaluated in a {@code StackContext}
 * by {@code Evaluator}: {@code Parameters}, {@code PseudoParameters}, {@code Conditions}, {@code Intrinsics},
 * {@code StackResources} (logical ids, physical names), {@code CreationOrder}, {@code QueueArns}; the properties of
 * each resource type ({@code BucketProperties}, {@code BucketCors}, {@code QueueProperties}, {@code PropertySupport});
 * {@code TemplateYaml}, {@code Nodes}, {@code TemplateException}. Uses nothing of {@code local} but itself.
 */
package io.sqsextended.chain.local.template;
