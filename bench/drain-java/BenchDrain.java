import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain route of bench/run drain in plain Java, doing what the Spring Cloud AWS peer does per payload: reads the
 * body to its end into nothing and logs one line, which the bench counts. Run it with
 * --chain-variant=java-drain:-Dchain.routes.dir=$PWD/bench/drain-java (the YAML route evaluates a bean expression and
 * the simple language per payload).
 */
public class BenchDrain extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("bench-drain");

    @Override
    public void configure() {
        from("direct:bench-drain").routeId("bench-drain").process(exchange -> {
            InputStream body = exchange.getIn().getMandatoryBody(InputStream.class);
            long bytes = body.transferTo(OutputStream.nullOutputStream());
            LOG.info("BENCH-DRAINED {} {}", exchange.getIn().getHeader("PayloadKey"), bytes);
        });
    }
}
