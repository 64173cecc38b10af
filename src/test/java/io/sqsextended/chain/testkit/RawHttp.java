package io.sqsextended.chain.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for requests no HTTP client would send; every read bounded by a timeout. */
public final class RawHttp {

    /** No answer: the server closed the connection without a status line. */
    public static final int CLOSED = 0;
    /** No answer within the timeout. */
    public static final int TIMED_OUT = -1;

    private RawHttp() {
    }

    /**
     * Sends {@code request} as is and returns the status code of the answer (or {@link #CLOSED}, {@link #TIMED_OUT}).
     */
    public static int exchange(int port, byte[] request, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer (and close) before it read everything: the answer is what counts
            }
            return status(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return CLOSED;
        }
    }

    /** Sends {@code request} as is and returns the head of the answer (status line and headers), empty without one. */
    public static String head(int port, byte[] request, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                // answered (and closed) before everything was read
            }
            byte[] answer = socket.getInputStream().readNBytes(64 << 10);
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(0, end);
        } catch (IOException e) {
            return "";
        }
    }

    public static int status(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && head.size() < 1024) {
            head.write(b);
        }
        String line = head.toString(StandardCharsets.ISO_8859_1).trim();
        if (!line.startsWith("HTTP/")) {
            return CLOSED;
        }
        String[] parts = line.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : CLOSED;
    }

    public static byte[] request(String method, String target, String headers, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
