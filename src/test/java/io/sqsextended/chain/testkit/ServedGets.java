package io.sqsextended.chain.testkit;

import java.util.regex.Pattern;

/**
 * The GETs the embedded S3 serves, counted from S3Proxy's own request log (its handler logs every request it serves at
 * DEBUG): what reached the server over HTTP, whichever client sent it, while open.
 */
public final class ServedGets implements AutoCloseable {

    private static final String HANDLER = "org.gaul.s3proxy.S3ProxyHandler";

    private final CapturedLogs logs;

    private ServedGets(CapturedLogs logs) {
        this.logs = logs;
    }

    public static ServedGets open() {
        return new ServedGets(CapturedLogs.open("served-gets", HANDLER));
    }

    /** GETs of this object so far: Jetty's request line {@code Request(GET http://host:port/bucket/key?query)}. */
    public long of(String bucket, String key) {
        Pattern get = Pattern.compile("request: Request[(\\[]GET \\S*/" + Pattern.quote(bucket + "/" + key)
                + "[?)\\]]");
        return logs.lines().stream().filter(line -> line.contains(HANDLER) && get.matcher(line).find()).count();
    }

    @Override
    public void close() {
        logs.close();
    }
}
