/**
 * Facts of the wire that several features share and that must agree: the shape of a valid object key, the
 * attribute that marks a message as inline. No dependencies on the rest of the app.
 */
package io.sqsextended.chain.wire;
