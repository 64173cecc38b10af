package io.sqsextended.chain.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import io.sqsextended.chain.local.s3.EmbeddedS3;
import io.sqsextended.chain.local.sqs.EmbeddedSqs;

/**
 * Settings of the embedded stack ({@code chain.local.*}).
 *
 * @param dataDir            where objects and queued messages are kept across restarts
 * @param bindAddress        address both servers listen on (loopback by default)
 * @param s3Port             S3Proxy port, 0 for any free port
 * @param sqsPort            ElasticMQ port, 0 for any free port
 * @param publicEndpoint     the embedded S3 as clients reach it (host of presigned URLs), or null: its own endpoint
 * @param accessKey          the only credentials the embedded S3 and SQS accept
 * @param secretKey          secret of {@code accessKey}
 * @param region             region in ARNs, queue URLs and signatures
 * @param template           CloudFormation template to provision from ({@code classpath:} or a file path)
 * @param stackName          value of {@code AWS::StackName} when evaluating the template
 * @param parameters         template parameter overrides ({@code chain.local.parameter.<Name>})
 * @param storageReserve     bytes kept free on the data disk: uploads that would eat into them are refused
 * @param latency            delay added to every request of the embedded S3 and SQS at start (changeable while running)
 * @param faults share of requests the embedded S3 and SQS answer with an error at start (changeable while running)
 */
public record LocalSettings(Path dataDir, String bindAddress, int s3Port, int sqsPort, URI publicEndpoint,
        String accessKey,
                            String secretKey, String region, String template, String stackName,
                            Map<String, String> parameters, long storageReserve, ByService<Latency> latency,
                            ByService<Fault> faults) {

    public static final String ACCOUNT_ID = "000000000000";
    /**
     * Longest key segment of the embedded S3: a file name of at most 255 bytes, from which S3Proxy's filesystem store
     * takes 43 (a multipart part is {@code .mpus-<uploadId>-<key>-<part number>}, each upload is first written to
     * {@code <name>-<uuid>}). S3 itself has no such limit.
     */
    public static final int MAX_KEY_SEGMENT_BYTES = 212;
    /** The template parameter of the origins the bucket's CORS rule lets in. */
    public static final String UPLOAD_PAGE_ORIGINS = "UploadPageOrigins";
    /** Region of ARNs and queue URLs when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Host name that clients use to reach a server bound to {@link #bindAddress()}. */
    public String publicHost() {
        return "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "localhost" : bindAddress;
    }

    /**
     * {@link #parameters()}, plus, when the template declares {@value #UPLOAD_PAGE_ORIGINS} and it is not given, every
     * port of this machine's names: the upload page, served by the API on a port picked at start, works out of the box.
     */
    public Map<String, String> parametersFor(Set<String> declared) {
        if (!declared.contains(UPLOAD_PAGE_ORIGINS) || parameters.containsKey(UPLOAD_PAGE_ORIGINS)) {
            return parameters;
        }
        Map<String, String> withOrigins = new TreeMap<>(parameters);
        Set<String> hosts = new TreeSet<>(List.of("localhost", "127.0.0.1", publicHost()));
        if (publicEndpoint != null) {
            hosts.add(publicEndpoint.getHost());
        }
        withOrigins.put(UPLOAD_PAGE_ORIGINS,
                String.join(",", hosts.stream().map(host -> "http://" + host + ":*").toList()));
        return withOrigins;
    }

    /** What the embedded S3 takes of these. */
    EmbeddedS3.Settings s3Server() {
        return new EmbeddedS3.Settings(bindAddress, publicHost(), accessKey, secretKey, region, ACCOUNT_ID,
                storageReserve);
    }

    /** What the embedded SQS takes of these. */
    EmbeddedSqs.Settings sqsServer() {
        return new EmbeddedSqs.Settings(bindAddress, publicHost(), region, ACCOUNT_ID);
    }

    /**
     * Where an embedded server on {@code port} answers: known before it starts, so that clients can be built meanwhile.
     */
    URI endpoint(int port) {
        return URI.create("http://" + publicHost() + ":" + port);
    }

    /** One value for the embedded S3 and one for the embedded SQS. */
    public record ByService<T>(T s3, T sqs) {

        public static <T> ByService<T> both(T value) {
            return new ByService<>(value, value);
        }
    }

    /**
     * A delay of {@code base} plus or minus up to {@code jitter} (uniform), added to a request before it is handled.
     *
     * @param base   the mean delay
     * @param jitter at most {@code base}: a delay is never negative
     */
    public record Latency(Duration base, Duration jitter) {

        public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

        public Latency {
            if (jitter.isNegative() || jitter.compareTo(base) > 0) {
                throw new IllegalArgumentException("a latency's jitter must be between 0 and the latency, not "
                        + jitter + " of " + base);
            }
        }

        /** One request's delay in nanoseconds. */
        public long drawNanos() {
            long spread = jitter.toNanos();
            return base.toNanos() + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1));
        }
    }

    /**
     * A share of requests answered with an error status instead of being handled.
     *
     * @param rate   between 0 and 1
     * @param status 500 or 503
     */
    public record Fault(double rate, int status) {

        /** The statuses answered, in the error format of each service (S3: InternalError, SlowDown). */
        public static final List<Integer> STATUSES = List.of(500, 503);
        public static final Fault NONE = new Fault(0, 500);

        public Fault {
            if (!(rate >= 0 && rate <= 1) || !STATUSES.contains(status)) {
                throw new IllegalArgumentException("a fault is a rate between 0 and 1 and a status of " + STATUSES
                        + ", not " + rate + ":" + status);
            }
        }

        /** The status to answer this request with when it is one of the share, else 0: handle it. */
        int drawStatus() {
            return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate ? status : 0;
        }
    }
}
