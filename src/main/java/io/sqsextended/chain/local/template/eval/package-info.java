/**
 * The CloudFormation language evaluated for one stack, knowing nothing of what local mode provisions.
 * <ul>
 * <li>{@code TemplateYaml} (short-form tags), {@code Nodes} (typed access), {@code TemplateException};</li>
 * <li>{@code StackContext}, {@code Evaluator} over {@code Parameters}, {@code PseudoParameters}, {@code Conditions},
 * {@code Intrinsics};</li>
 * <li>{@code StackResources} (logical ids, conditions, physical names), {@code CreationOrder}.</li>
 * </ul>
 * Knows no other part, nor its parent {@code local.template}.
 */
package io.sqsextended.chain.local.template.eval;
