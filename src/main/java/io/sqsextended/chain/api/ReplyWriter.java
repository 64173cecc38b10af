package io.sqsextended.chain.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes the {@link HttpReply} in the body as the HTTP response. Every request header is dropped first:
 * platform-http echoes message headers (the caller's {@code Authorization}, query parameters) into the response.
 */
public final class ReplyWriter {

    public void write(Exchange exchange) {
        Message message = exchange.getMessage();
        HttpReply reply = message.getBody(HttpReply.class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        if (reply.contentType() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        }
        reply.headers().forEach(message::setHeader);
        message.setBody(reply.body());
    }
}
