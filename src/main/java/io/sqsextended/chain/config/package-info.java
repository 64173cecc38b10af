/**
 * The one typed configuration: every {@code chain.*} key with its default ({@link io.sqsextended.chain.config.ChainKeys}),
 * one parser per kind of value, the settings records of each feature, all read and checked once at start
 * ({@link io.sqsextended.chain.config.ChainConfig#of}). The only package that knows the mode: it starts the embedded
 * stack of local mode and binds the AWS clients, pointed at AWS or at that stack.
 */
package io.sqsextended.chain.config;
