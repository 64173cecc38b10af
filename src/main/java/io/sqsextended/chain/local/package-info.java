/**
 * Local mode's embedded AWS: S3Proxy and ElasticMQ in-process, provisioned from the CloudFormation template. This
 * package starts it and is all the rest of the app sees.
 * <ul>
 * <li>{@code LocalAws} (the Camel service: template evaluated, ports picked, servers started, faults set now);</li>
 * <li>{@code LocalSettings} (its {@code chain.local.*} settings);</li>
 * <li>{@code BackgroundStart} (a server started on a thread of its own), {@code CliProfile} (the AWS CLI profile with
 * the development keys), {@code LocalStorageCheck} (readiness: disk space, message store).</li>
 * </ul>
 * Its parts, each a package: {@code template}, {@code s3}, {@code s3.store}, {@code sqs}, {@code faults}. Uses nothing
 * of the app but {@code wire} and {@code net}.
 */
package io.sqsextended.chain.local;
