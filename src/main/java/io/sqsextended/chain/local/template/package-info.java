/**
 * The CloudFormation subset local mode evaluates: parameters, pseudo parameters, conditions, intrinsic functions and
 * the bucket, queue and policy resources, in creation order, into a provisioned stack of buckets and queues.
 */
package io.sqsextended.chain.local.template;
