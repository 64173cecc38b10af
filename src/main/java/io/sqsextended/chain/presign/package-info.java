/**
 * The presign API's operations: presigned PUT, multipart plans, completion and abort, presigned GET and the
 * Lambda-style presign call; the key policy (upload keys made here, tagged for their owner) and upload rules. The
 * verbs are declared in {@code routes/presign-api.camel.yaml}; HTTP plumbing is in {@code api}.
 */
package io.sqsextended.chain.presign;
