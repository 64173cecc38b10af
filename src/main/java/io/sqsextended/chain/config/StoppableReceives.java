package io.sqsextended.chain.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.sqsextended.chain.wire.AwsClients;
import io.sqsextended.chain.wire.AwsSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppedEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The HTTP client of the app's SQS client. Once the app starts to stop, the receives under way are cut and every
 * receive answers at once with no message, as SQS does when a long poll ends empty: Camel's stop would otherwise wait
 * for the queue consumer's long poll ({@code chain.consumer.wait-time-seconds}) even with nothing in flight. Its other
 * calls (visibility renewals and deletes of exchanges still in flight, dead letters) go on.
 */
final class StoppableReceives implements SdkHttpClient {

    private static final String TARGET = "X-Amz-Target";
    private static final String RECEIVE = "AmazonSQS.ReceiveMessage";
    private static final byte[] NO_MESSAGES = "{}".getBytes(StandardCharsets.UTF_8);

    private final SdkHttpClient delegate;
    private final Set<ExecutableHttpRequest> underWay = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    private StoppableReceives(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** An SQS client whose receives end when {@code context} starts to stop; closed once it has stopped. */
    static SqsClient sqsClient(CamelContext context, AwsSettings settings, int connections) {
        StoppableReceives http = new StoppableReceives(AwsClients.httpClient(connections));
        SqsClient sqs = AwsClients.sqs(settings, http);
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelContextStoppingEvent) {
                    http.stop();
                } else if (event instanceof CamelContextStoppedEvent) {
                    // the SDK closes only the HTTP clients it built itself
                    sqs.close();
                    http.close();
                }
            }
        });
        return sqs;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest call = delegate.prepareRequest(request);
        return request.httpRequest().firstMatchingHeader(TARGET).filter(RECEIVE::equals).isPresent()
                ? new Receive(call) : call;
    }

    /**
     * Cuts the receives under way (a message SQS hands out at that very moment comes back after its visibility
     * timeout).
     */
    void stop() {
        stopped = true;
        underWay.forEach(ExecutableHttpRequest::abort);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static HttpExecuteResponse noMessages() {
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200)
                        .putHeader("Content-Type", "application/x-amz-json-1.0").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(NO_MESSAGES)))
                .build();
    }

    private final class Receive implements ExecutableHttpRequest {

        private final ExecutableHttpRequest call;

        Receive(ExecutableHttpRequest call) {
            this.call = call;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            // registered before the check: a stop from here on finds it and cuts it
            underWay.add(this);
            try {
                return stopped ? noMessages() : call.call();
            } catch (IOException e) {
                if (stopped) {
                    return noMessages();
                }
                throw e;
            } finally {
                underWay.remove(this);
            }
        }

        @Override
        public void abort() {
            call.abort();
        }
    }
}
