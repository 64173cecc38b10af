package io.sqsextended.chain.producer;

/**
 * What became of one published payload.
 *
 * @param messageId SQS message id, null when the send failed
 * @param offloaded whether the payload went to S3 and a pointer to SQS
 * @param key       S3 key of the offloaded payload, null when sent inline
 * @param size      payload size in bytes
 * @param error     why the send failed, null on success
 */
public record PublishResult(String messageId, boolean offloaded, String key, long size, String error) {

    public boolean succeeded() {
        return error == null;
    }
}
