package io.sqsextended.chain.local.template;

import java.util.HashMap;
import java.util.Map;

import io.sqsextended.chain.local.template.eval.TemplateException;

/** The queues the template creates, by ARN: all that bucket notifications and redrive policies may point at. */
final class QueueArns {

    private final Map<String, String> namesByArn = new HashMap<>();

    void add(String arn, String queueName) {
        namesByArn.put(arn, queueName);
    }

    /** The name of the queue with this ARN, failing at {@code path} when the template creates no such queue. */
    String queueName(String arn, String path) {
        String name = namesByArn.get(arn);
        if (name == null) {
            throw new TemplateException(path, "'" + arn + "' is not the ARN of a queue this template creates");
        }
        return name;
    }
}
