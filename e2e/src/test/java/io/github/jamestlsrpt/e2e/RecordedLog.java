package io.github.jamestlsrpt.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logger of the server logs while this is open, as an operator reads it in James's log (the plugin logs
 * through James's SLF4J, to Logback in this JVM): for what a test cannot see over SMTP or IMAP, such as a run that
 * rightly did nothing.
 */
final class RecordedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private RecordedLog(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Records the logger of this name from now on. */
    static RecordedLog of(String name) {
        return new RecordedLog(name);
    }

    /** The messages logged so far, formatted, in order. */
    List<String> messages() {
        // Logback appends under the appender's lock
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
