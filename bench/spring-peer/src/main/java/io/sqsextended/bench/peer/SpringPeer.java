package io.sqsextended.bench.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.awspring.cloud.sqs.annotation.SqsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The peer a Java user would write with Spring Cloud AWS, as bench/run drain runs it against the chain: for each S3
 * event on the queue, parse it with Jackson, GET each object with the SDK's S3Client, read it to its end, log one line
 * per payload (the line the bench counts, as the chain's drain route logs one) and return, so that Spring acknowledges
 * (deletes) the message. Settings: Spring Cloud AWS's own (spring.cloud.aws.*), peer.queue, peer.connections
 * ({@link PeerClients}); pause and resume over JMX ({@link PeerControl}).
 */
@SpringBootApplication
public class SpringPeer {

    static final String DRAINED = "BENCH-DRAINED";
    private static final Logger LOG = LoggerFactory.getLogger(SpringPeer.class);

    // Boot makes no ObjectMapper bean without spring-web
    private final ObjectMapper json = new ObjectMapper();
    private final S3Client s3;
    private final AtomicLong drained = new AtomicLong();

    public SpringPeer(S3Client s3) {
        this.s3 = s3;
    }

    public static void main(String[] args) {
        SpringApplication.run(SpringPeer.class, args);
    }

    @SqsListener("${peer.queue}")
    public void drain(String body) throws IOException {
        for (JsonNode record : json.readTree(body).path("Records")) {
            JsonNode s3Entity = record.path("s3");
            String bucket = s3Entity.path("bucket").path("name").asText();
            // keys in S3 events are URL-encoded (a space is "+")
            String key = URLDecoder.decode(s3Entity.path("object").path("key").asText(), StandardCharsets.UTF_8);
            long bytes;
            try (var in = s3.getObject(r -> r.bucket(bucket).key(key))) {
                bytes = in.transferTo(OutputStream.nullOutputStream());
            }
            LOG.info("{} {} {} {}", DRAINED, key, bytes, drained.incrementAndGet());
        }
    }
}
