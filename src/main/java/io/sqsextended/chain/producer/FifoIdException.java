package io.sqsextended.chain.producer;

/**
 * A message group or deduplication id the queue needs and did not get, one it takes none of, or one SQS would
 * refuse. Each way in names the id as its callers give it ({@link #detail}); the message names SQS's parameter.
 */
public final class FifoIdException extends IllegalArgumentException {

    /** Which of the two ids, by SQS's parameter name. */
    public enum Id {
        GROUP("MessageGroupId"), DEDUPLICATION("MessageDeduplicationId");

        private final String parameter;

        Id(String parameter) {
            this.parameter = parameter;
        }
    }

    private final Id id;
    private final String problem;

    FifoIdException(Id id, String problem) {
        super(id.parameter + " " + problem);
        this.id = id;
        this.problem = problem;
    }

    public Id id() {
        return id;
    }

    /** The refusal, the id named {@code groupName} or {@code deduplicationName} as the caller knows it. */
    public String detail(String groupName, String deduplicationName) {
        return (id == Id.GROUP ? groupName : deduplicationName) + " " + problem;
    }
}
