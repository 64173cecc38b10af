/**
 * The CloudFormation subset local mode provisions: the template read, evaluated ({@code local.template.eval}), into
 * a provisioned stack of buckets and queues.
 * <ul>
 * <li>{@code CloudFormationTemplate} (read, provision) into {@code ProvisionedStack};</li>
 * <li>{@code BucketProperties}, {@code BucketCors}, {@code QueueProperties}, {@code PropertySupport} (each resource
 * type's properties), {@code QueueArns} (what notifications and redrive policies may name).</li>
 * </ul>
 * Knows no other part but {@code local.template.eval}.
 */
package io.sqsextended.chain.local.template;
