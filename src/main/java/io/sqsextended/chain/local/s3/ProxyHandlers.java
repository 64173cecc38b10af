package io.sqsextended.chain.local.s3;

import java.lang.reflect.Field;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/** Puts handlers of ours in front of S3Proxy's own: the last one inserted sees a request first. */
final class ProxyHandlers {

    private ProxyHandlers() {
    }

    /** Before {@link S3Proxy#start()}. */
    static void insert(S3Proxy proxy, HandlerWrapper handler) {
        try {
            // S3Proxy 2.7.0 has no way to add a handler: its Jetty server is a private field
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            ((Server) field.get(proxy)).insertHandler(handler);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "This S3Proxy keeps its Jetty server elsewhere than 2.7.0 did (field 'server')", e);
        }
    }
}
