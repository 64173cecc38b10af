/**
 * HTTP plumbing shared by every endpoint of the API, knowing none of them.
 * <ul>
 * <li>{@code TokenAuthenticator} (bearer tokens; {@code admitting(Role)} is a route's admit step), {@code Role},
 * {@code UploadOwner} (the owner a token stands for);</li>
 * <li>{@code JsonRequest} (a body bound strictly into its record), {@code RequestUri} (request-URI checks);</li>
 * <li>{@code Problem}, {@code ProblemType}, {@code ProblemReplies}, {@code ProblemJson}
 * (RFC 9457 problem replies);</li>
 * <li>{@code HttpReply}, {@code ReplyWriter} (an operation's answer, written without the request's headers);</li>
 * <li>{@code ApiRouter} (Vert.x router hooks: what no route takes, {@code Cache-Control}), {@code StartGate} (503 until
 * started), {@code ApiMetrics} (the API's counters).</li>
 * </ul>
 */
package io.sqsextended.chain.api;
