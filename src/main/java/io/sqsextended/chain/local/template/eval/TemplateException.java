package io.sqsextended.chain.local.template.eval;

/**
 * A template that local mode cannot honour: unsupported intrinsic, resource type or property, bad parameter,
 * dangling or circular reference. The message starts with where it happened, e.g.
 * {@code Resources.NotificationQueue.Properties.RedrivePolicy: ...}.
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public TemplateException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public TemplateException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
    }

    /** Dotted path of the offending element: section, logical id, property path. */
    public String location() {
        return location;
    }
}
