package io.sqsextended.chain.presign;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything the app logs through log4j2 (every logger, messages with stack traces), while open. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final String presignLevel;

    private LogCapture() {
        super("presign-log-capture", null, PatternLayout.newBuilder().withPattern("%level %logger - %message%n%throwable").build(),
                true, Property.EMPTY_ARRAY);
        presignLevel = LogManager.getLogger("io.sqsextended.chain.presign").getLevel().name();
    }

    /** Starts capturing; the presign package logs at DEBUG meanwhile (its refusals included). */
    static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        Configurator.setLevel("io.sqsextended.chain.presign", Level.DEBUG);
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String text() {
        return String.join("", lines);
    }

    @Override
    public void close() {
        Configurator.setLevel("io.sqsextended.chain.presign", Level.toLevel(presignLevel));
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
