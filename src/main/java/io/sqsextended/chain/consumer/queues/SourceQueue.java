package io.sqsextended.chain.consumer.queues;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqsextended.chain.wire.QueueUrl;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * One queue the chain consumes: its route, and what is read from SQS as that route starts (visibility timeout, the
 * dead-letter queue its RedrivePolicy names). The notification queue's dead letters go to {@code
 * chain.dead-letter-queue}, as before there were several queues.
 */
public final class SourceQueue {

    /** Exchange property: the {@link SourceQueue} a message came from (copies of the exchange keep it). */
    public static final String PROPERTY = "ChainSourceQueue";
    /** The template's default VisibilityTimeout, until the queue's own is read. */
    private static final int DEFAULT_VISIBILITY_SECONDS = 360;
    private static final Logger LOG = LoggerFactory.getLogger(SourceQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String routeId;
    private final QueueUrl url;
    private final Integer configuredVisibility;
    private volatile QueueUrl deadLetters;
    private volatile int visibilitySeconds;

    /**
     * @param deadLetters the dead-letter queue, or null: the one the queue's RedrivePolicy names, read at start
     */
    SourceQueue(String name, String routeId, QueueUrl url, QueueUrl deadLetters, Integer configuredVisibility) {
        this.name = name;
        this.routeId = routeId;
        this.url = url;
        this.deadLetters = deadLetters;
        this.configuredVisibility = configuredVisibility;
        this.visibilitySeconds = configuredVisibility != null ? configuredVisibility : DEFAULT_VISIBILITY_SECONDS;
    }

    /** The queue the exchange's message came from, or null for an exchange no consume route started. */
    public static SourceQueue of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, SourceQueue.class);
    }

    public String name() {
        return name;
    }

    public String routeId() {
        return routeId;
    }

    /** SQS's rule: a FIFO queue's name ends in {@code .fifo}. */
    public boolean fifo() {
        return url.fifo();
    }

    public QueueUrl url() {
        return url;
    }

    /** Where its poison messages go; known once its route started. */
    public QueueUrl deadLetters() {
        return deadLetters;
    }

    /** Seconds a received message stays hidden: configured, else the queue's own once its route started. */
    public int visibilitySeconds() {
        return visibilitySeconds;
    }

    /**
     * Reads the queue's VisibilityTimeout and RedrivePolicy as its route starts (SQS runs by then; local mode starts
     * its embedded SQS while the routes are built); a queue that does not exist, or whose dead letters would have
     * nowhere to go, refuses the start.
     */
    void readAttributes(SqsClient sqs) {
        Map<QueueAttributeName, String> attributes;
        try {
            attributes = sqs.getQueueAttributes(r -> r.queueUrl(url.get()).attributeNames(
                    QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY)).attributes();
        } catch (QueueDoesNotExistException e) {
            throw doesNotExist(e);
        } catch (SdkException e) {
            if (deadLetters == null) {
                throw new IllegalStateException("Cannot read the RedrivePolicy of source queue " + name + ": "
                        + e.getMessage(), e);
            }
            LOG.warn("Cannot read queue {} now, taking a visibility timeout of {} s: {}", name, visibilitySeconds,
                    e.getMessage());
            return;
        }
        if (configuredVisibility == null) {
            visibilitySeconds = Integer.parseInt(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        }
        if (deadLetters == null) {
            deadLetters = new QueueUrl(sqs, deadLetterQueue(attributes.get(QueueAttributeName.REDRIVE_POLICY)));
        }
    }

    /** What refuses the start when the queue is not there. */
    public IllegalStateException doesNotExist(QueueDoesNotExistException cause) {
        return new IllegalStateException("Source queue " + name + " does not exist", cause);
    }

    /** The name of the queue a RedrivePolicy's {@code deadLetterTargetArn} names. */
    private String deadLetterQueue(String redrivePolicy) {
        String arn = null;
        if (redrivePolicy != null) {
            try {
                JsonNode target = JSON.readTree(redrivePolicy).get("deadLetterTargetArn");
                arn = target == null ? null : target.asText();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Source queue " + name + " has a RedrivePolicy that is not JSON: "
                        + redrivePolicy, e);
            }
        }
        if (arn == null || arn.isBlank()) {
            // "nothing is lost" needs a place for the messages no delivery can take
            throw new IllegalStateException("Source queue " + name + " has no RedrivePolicy: its poison messages "
                    + "would have no dead-letter queue; give it one (deadLetterTargetArn) or do not consume it");
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
