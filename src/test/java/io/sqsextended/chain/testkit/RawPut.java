package io.sqsextended.chain.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.awscore.presigner.PresignedRequest;

/**
 * A presigned request over a plain socket, its body {@link #BLOCK} repeated, that may stop sending with the connection
 * left open.
 */
public final class RawPut implements AutoCloseable {

    /** Every body is this block repeated. */
    public static final byte[] BLOCK = new byte[1 << 20];

    static {
        new Random(64).nextBytes(BLOCK);
    }

    public final Socket socket = new Socket();
    public final AtomicLong sent = new AtomicLong();
    private final PresignedRequest request;
    private final long length;
    private final long stopAfter;

    public RawPut(PresignedRequest request, long length, long stopAfter) {
        this.request = request;
        this.length = length;
        this.stopAfter = stopAfter;
    }

    /** Connects and sends, in a thread of its own (the writes block while the server does not read). */
    public void begin() throws IOException {
        // a small send buffer: what was written has reached the server, not a buffer of this side
        socket.setSendBufferSize(64 << 10);
        socket.connect(new InetSocketAddress(request.url().getHost(), request.url().getPort()), 5_000);
        Thread writer = new Thread(() -> {
            try {
                send(socket.getOutputStream(), request, length, stopAfter, sent);
            } catch (IOException e) {
                // the server died under the upload
            }
        }, "cut-upload");
        writer.setDaemon(true);
        writer.start();
    }

    /** The whole request; returns the status of the answer. */
    public static int whole(PresignedRequest request, long length) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(request.url().getHost(), request.url().getPort()), 5_000);
            socket.setSoTimeout(120_000);
            send(socket.getOutputStream(), request, length, length, new AtomicLong());
            return RawHttp.status(socket.getInputStream());
        }
    }

    /**
     * Sends the rest of the body {@link #begin()} stopped short of (once it did) and returns the status of the answer.
     */
    public int finish() throws Exception {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (long at = stopAfter; at < length; at += BLOCK.length) {
                    out.write(BLOCK, 0, (int) Math.min(BLOCK.length, length - at));
                }
                out.flush();
            } catch (IOException e) {
                // the server answered before the end of the body
            }
        }, "finish-upload");
        writer.setDaemon(true);
        writer.start();
        socket.setSoTimeout(30_000);
        return RawHttp.status(socket.getInputStream());
    }

    private static void send(OutputStream out, PresignedRequest request, long length, long bytes, AtomicLong sent)
            throws IOException {
        StringBuilder head = new StringBuilder(request.httpRequest().method() + " " + request.url().getFile()
                + " HTTP/1.1\r\n");
        request.signedHeaders().forEach((name, values) -> head.append(name).append(": ")
                .append(String.join(",", values)).append("\r\n"));
        if (request.signedHeaders().keySet().stream().noneMatch("content-length"::equalsIgnoreCase)) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (long at = 0; at < bytes; at += BLOCK.length) {
            int n = (int) Math.min(BLOCK.length, bytes - at);
            out.write(BLOCK, 0, n);
            sent.addAndGet(n);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
