package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body is read from another stream (decoded, or already read by a handler in front of S3Proxy). */
final class ReplacedBody extends HttpServletRequestWrapper {

    private final ServletInputStream body;

    ReplacedBody(HttpServletRequest request, InputStream payload) {
        super(request);
        this.body = new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return payload.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return payload.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking reads only");
            }

            @Override
            public void close() throws IOException {
                payload.close();
            }
        };
    }

    @Override
    public ServletInputStream getInputStream() {
        return body;
    }
}
