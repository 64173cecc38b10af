// Example downstream in Java, compiled at start from chain.routes.dir (camel-java-joor-dsl, needs a JDK): counts the
// lines of each payload as it streams (nothing held in memory) into the header PayloadLines, then hands the payload,
// unchanged, to {{example.lines.to}} (the payload is read once more there: from the replay buffer, or a second GET).
//   java -Dchain.routes.dir=examples/java -Dchain.downstream.uri=direct:lines \
//        -Dexample.lines.to=log:lines?showHeaders=true -jar target/sqs-extended-chain.jar
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

public class LineCount extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:lines").routeId("example-lines").routeConfigurationId("chain-errors")
                .process(LineCount::countLines)
                .to("{{example.lines.to}}");
    }

    // not closed: the body belongs to the exchange, the chain closes it when the exchange completes
    private static void countLines(Exchange exchange) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(exchange.getMessage().getBody(InputStream.class), StandardCharsets.UTF_8));
        exchange.getMessage().setHeader("PayloadLines", reader.lines().count());
    }
}
