/**
 * Local mode's embedded AWS: S3Proxy and ElasticMQ in-process, provisioned from the CloudFormation template. This
 * package starts it and is all the rest of the app sees: {@link io.sqsextended.chain.local.LocalAws} (the Camel
 * service: template evaluated, ports picked, servers started side by side, the latency and faults injected now,
 * readiness) and {@link io.sqsextended.chain.local.LocalSettings} (its {@code chain.local.*} settings). Beside them:
 * {@code BackgroundStart} (a server started on a thread of its own), {@code CliProfile} (the AWS CLI profile with the
 * development keys), {@code LocalStorageCheck} (readiness: disk space, message store).
 * <p>
 * Its parts, each in a package of its own: {@code template} (the CloudFormation subset), {@code s3} (the embedded
 * S3's HTTP front), {@code s3.store} (its storage layers), {@code sqs} (the embedded SQS), {@code faults} (what both
 * inject). Uses nothing of the app but {@code wire} and {@code net}.
 */
package io.sqsextended.chain.local;
