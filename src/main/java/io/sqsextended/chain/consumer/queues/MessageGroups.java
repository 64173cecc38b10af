package io.sqsextended.chain.consumer.queues;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The messages of a FIFO queue held by this instance, by message group: at most one of a group is processed at a time,
 * the others wait behind it in the order SQS gave them (its sequence order within the group).
 */
final class MessageGroups {

    /** Per group: its messages not yet handed over; a group is a key here while one of its messages is processed. */
    private final Map<String, Deque<Message>> groups = new HashMap<>();
    /** Every message held, processed or waiting, by receipt handle: their visibility is renewed. */
    private final Map<String, Message> held = new HashMap<>();

    static String groupOf(Message message) {
        return message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    /** Takes a receive's messages; returns those to process now: the first of each group no message holds. */
    synchronized List<Message> add(List<Message> messages) {
        List<Message> now = new ArrayList<>();
        for (Message message : messages) {
            held.put(message.receiptHandle(), message);
            Deque<Message> waiting = groups.get(groupOf(message));
            if (waiting == null) {
                groups.put(groupOf(message), new ArrayDeque<>());
                now.add(message);
            } else {
                waiting.add(message);
            }
        }
        return now;
    }

    /** The message is done; returns the next of its group to process, or null (the group is free). */
    synchronized Message next(Message done) {
        held.remove(done.receiptHandle());
        String group = groupOf(done);
        Deque<Message> waiting = groups.get(group);
        Message next = waiting == null ? null : waiting.poll();
        if (next == null) {
            groups.remove(group);
        }
        return next;
    }

    /** The message failed: it and the messages waiting behind it are let go, to come back from SQS in order. */
    synchronized List<Message> release(Message failed) {
        held.remove(failed.receiptHandle());
        Deque<Message> waiting = groups.remove(groupOf(failed));
        List<Message> released = waiting == null ? List.of() : List.copyOf(waiting);
        released.forEach(message -> held.remove(message.receiptHandle()));
        return released;
    }

    /** Lets go of every message not handed over yet (the consumer stops); the groups processing keep their one. */
    synchronized List<Message> releaseWaiting() {
        List<Message> released = new ArrayList<>();
        groups.values().forEach(waiting -> {
            released.addAll(waiting);
            waiting.clear();
        });
        released.forEach(message -> held.remove(message.receiptHandle()));
        return released;
    }

    synchronized int size() {
        return held.size();
    }

    synchronized Collection<Message> held() {
        return List.copyOf(held.values());
    }
}
