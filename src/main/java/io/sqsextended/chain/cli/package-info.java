/**
 * The command-line client in the jar ({@code java -jar sqs-extended-chain.jar upload|download ...}): a client of the
 * presign API over HTTP, like any producer or consumer; it starts no Camel and uses nothing of the server but
 * {@code wire}. Files are streamed, never held in memory.
 */
package io.sqsextended.chain.cli;
