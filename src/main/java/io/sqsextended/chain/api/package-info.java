/**
 * HTTP plumbing shared by every endpoint of the API: bearer-token authentication and roles (and the upload owner a
 * token stands for), strict JSON request bodies, request-URI checks, RFC 9457 problem replies and the API's counters,
 * and the Vert.x router hooks that answer malformed requests before Camel sees them. Knows no endpoint.
 */
package io.sqsextended.chain.api;
