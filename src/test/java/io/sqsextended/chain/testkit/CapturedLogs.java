package io.sqsextended.chain.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

import static org.assertj.core.api.Assertions.assertThat;

/** Every log line of the JVM (all loggers, with stack traces and MDC) while open, for the log-hygiene checks. */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    /** A presigned URL's signature value: {@code X-Amz-Signature=} followed by hex digits. */
    public static final Pattern SIGNATURE = Pattern.compile("X-Amz-Signature=([0-9a-fA-F]{16,})");

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    /** Loggers set to DEBUG while open, with the level to restore. */
    private final Map<String, Level> raised = new LinkedHashMap<>();

    private CapturedLogs(String name) {
        super(name, null, PatternLayout.newBuilder().withPattern("%level %logger [%t] %X - %message%n%throwable")
                .build(),
                true, Property.EMPTY_ARRAY);
    }

    /** Starts capturing; {@code debugLoggers} log at DEBUG meanwhile (their refusals included). */
    public static CapturedLogs open(String name, String... debugLoggers) {
        CapturedLogs capture = new CapturedLogs(name);
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.updateLoggers();
        for (String logger : debugLoggers) {
            capture.raised.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, Level.DEBUG);
        }
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("", lines);
    }

    public long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    /** No secret, no presigned signature value in any captured line. */
    public void assertNoSecrets(String... secrets) {
        String all = String.join("", lines);
        assertThat(lines).as("captured log lines").isNotEmpty();
        for (String secret : secrets) {
            assertThat(all).as("the logs contain a secret").doesNotContain(secret);
        }
        Matcher signature = SIGNATURE.matcher(all);
        assertThat(signature.find()).as("a presigned signature in the logs: %s", signature.find(0)
                ? context(all, signature.start()) : "")
                .isFalse();
    }

    private static String context(String all, int at) {
        return all.substring(Math.max(0, at - 200), Math.min(all.length(), at + 100));
    }

    @Override
    public void close() {
        raised.forEach(Configurator::setLevel);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
