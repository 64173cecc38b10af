package io.sqsextended.chain.local.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.sqsextended.chain.local.s3.store.BucketNotifier;
import io.sqsextended.chain.local.template.ProvisionedStack.QueueNotification;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * In front of S3Proxy's handler: GetBucketNotificationConfiguration ({@code GET /<bucket>?notification}, signed in its
 * Authorization header) answers the configuration provisioned from the template, as S3's XML; S3Proxy has none.
 */
final class NotificationConfigurations extends HandlerWrapper {

    private final Map<String, List<QueueNotification>> notificationsByBucket;
    private final String accessKey;
    private final String secretKey;
    private final String queueArnPrefix;

    private NotificationConfigurations(Map<String, List<QueueNotification>> notificationsByBucket,
            EmbeddedS3.Settings settings) {
        this.notificationsByBucket = Map.copyOf(notificationsByBucket);
        this.accessKey = settings.accessKey();
        this.secretKey = settings.secretKey();
        this.queueArnPrefix = "arn:aws:sqs:" + settings.region() + ":" + settings.accountId() + ":";
    }

    /** Puts this in front of the proxy's handler; before {@link S3Proxy#start()}. */
    static void install(S3Proxy proxy, Map<String, List<QueueNotification>> notificationsByBucket,
            EmbeddedS3.Settings settings) {
        ProxyHandlers.insert(proxy, new NotificationConfigurations(notificationsByBucket, settings));
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String[] path = request.getRequestURI().split("/");
        String payloadHash = request.getHeader("x-amz-content-sha256");
        // anything else (another caller, a bad signature) S3Proxy answers, as it answers every other request
        boolean answered = "GET".equals(request.getMethod()) && path.length == 2
                && "".equals(request.getParameter("notification"))
                && notificationsByBucket.containsKey(path[1]) && payloadHash != null
                && SigV4.of(request, secretKey)
                        .filter(s -> s.accessKey().equals(accessKey) && s.signs(request, payloadHash))
                        .isPresent();
        if (!answered) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        byte[] body = xml(notificationsByBucket.get(path[1])).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    private String xml(List<QueueNotification> notifications) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (QueueNotification notification : notifications) {
            xml.append("<QueueConfiguration><Id>")
                    .append(BucketNotifier.configurationId(notification.queueName())).append("</Id><Queue>")
                    .append(queueArnPrefix).append(notification.queueName()).append("</Queue><Event>")
                    .append(notification.event()).append("</Event>");
            if (!notification.prefix().isEmpty() || !notification.suffix().isEmpty()) {
                xml.append("<Filter><S3Key>");
                rule(xml, "prefix", notification.prefix());
                rule(xml, "suffix", notification.suffix());
                xml.append("</S3Key></Filter>");
            }
            xml.append("</QueueConfiguration>");
        }
        return xml.append("</NotificationConfiguration>").toString();
    }

    private static void rule(StringBuilder xml, String name, String value) {
        if (!value.isEmpty()) {
            xml.append("<FilterRule><Name>").append(name)
                    .append("</Name><Value>").append(escape(value)).append("</Value></FilterRule>");
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
