package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.gaul.shaded.org.eclipse.jetty.server.Request;

/** S3's XML error answer, sent by a handler of ours in front of S3Proxy before the request's body is read. */
final class S3ErrorResponse {

    private S3ErrorResponse() {
    }

    static void send(Request baseRequest, HttpServletResponse response, int status, String code, String message)
            throws IOException {
        String requestId = UUID.randomUUID().toString();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + requestId + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        // where the SDKs read it, as S3 sends it
        response.setHeader("x-amz-request-id", requestId);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        // the body was not read: the connection cannot carry another request
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }
}
