package io.sqsextended.chain.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sqsextended.chain.consumer.events.PointerGrant;
import io.sqsextended.chain.consumer.events.IncomingMessage;
import io.sqsextended.chain.consumer.events.MessageParser;
import io.sqsextended.chain.consumer.events.PayloadReference;
import io.sqsextended.chain.consumer.events.PayloadReference.InlinePayload;
import io.sqsextended.chain.consumer.events.PayloadRefusedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser on bodies built to hurt it: bounded in depth, strict about what counts as an event. */
class HostileParserTest {

    static final String BUCKET = "payloads";
    final MessageParser parser = new MessageParser(Set.of(BUCKET), List.of(new PointerGrant(null, "offload/")));

    @Test
    void nestingFarBeyondAnyEventIsAnInlinePayloadNotAStackOverflow() {
        for (String body : List.of("[".repeat(200_000) + "]".repeat(200_000), "{\"Records\":" + "[".repeat(200_000),
                "{\"Records\":[{\"s3\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}]}")) {
            assertThat(parse(body)).singleElement().isInstanceOf(InlinePayload.class);
        }
    }

    @Test
    void trailingContentMakesABodyAnInlinePayloadRatherThanTheEventBeforeIt() {
        assertThat(parse(new HostileMessagesEvent().event("input/a.txt") + "}}}")).singleElement()
                .isInstanceOf(InlinePayload.class);
    }

    @Test
    void aNotificationWithoutRecordsIsRefusedRatherThanSilentlyAcknowledged() {
        assertThatThrownBy(() -> parse("{\"Records\":[]}")).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("no records");
    }

    @Test
    void aRecordWithoutEventNameIsRefused() {
        String event = new HostileMessagesEvent().event("input/a.txt")
                .replace("\"eventName\":\"ObjectCreated:Put\"", "\"eventName\":null");
        assertThatThrownBy(() -> parse(event)).isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("eventName");
    }

    @Test
    void aKeyLongerThanS3AllowsIsRefusedWithoutAskingS3() {
        String key = "input/" + "k".repeat(1100);
        assertThatThrownBy(() -> parse(new HostileMessagesEvent().event(key)))
                .isInstanceOf(PayloadRefusedException.class)
                .hasMessageContaining("1024 bytes");
        assertThatThrownBy(() -> parse(HostileMessages.pointer(HostileMessages.POINTER_CLASS, BUCKET, key)))
                .isInstanceOf(PayloadRefusedException.class).hasMessageContaining("1024 bytes");
    }

    private List<PayloadReference> parse(String body) {
        return parser.parse(new IncomingMessage("m-1", body, Map.of(), Instant.now()));
    }

    /** A well-formed S3 event of {@link #BUCKET}. */
    private static final class HostileMessagesEvent {

        String event(String key) {
            return ("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                    + "\"eventTime\":\"2025-01-01T00:00:00.000Z\","
                    + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"%s\"},"
                            + "\"object\":{\"key\":\"%s\",\"size\":1,"
                    + "\"sequencer\":\"01\"}}}]}").formatted(BUCKET, key);
        }
    }
}
