package io.sqsextended.chain.routes;

import java.nio.file.Path;

import io.sqsextended.chain.config.ChainProperties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/** Binds the consumer chain's idempotent repository, unless one is bound already (e.g. {@code camel.beans.*}). */
@Configuration
public class ConsumerConfiguration implements CamelConfiguration {

    /** Bind another {@link IdempotentRepository} under this name to share duplicates across instances. */
    public static final String IDEMPOTENT_REPOSITORY = "chainIdempotentRepository";

    @Override
    public void configure(CamelContext context) {
        if (context.getRegistry().lookupByName(IDEMPOTENT_REPOSITORY) == null) {
            context.getRegistry().bind(IDEMPOTENT_REPOSITORY, defaultRepository(context));
        }
    }

    /** Local mode keeps it under the data dir so that a restart still knows what was delivered; aws mode in memory. */
    private static IdempotentRepository defaultRepository(CamelContext context) {
        int size = ConsumerSettings.from(context).idempotencySize();
        if ("local".equals(ChainProperties.get(context, "chain.mode").orElse("local"))) {
            Path store = Path.of(ChainProperties.get(context, "chain.local.data-dir").orElse("data"), "consumer", "delivered.keys");
            return FileIdempotentRepository.fileIdempotentRepository(store.toAbsolutePath().toFile(), size);
        }
        return MemoryIdempotentRepository.memoryIdempotentRepository(size);
    }
}
