package io.sqsextended.chain.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.config.ChainKeys;
import io.sqsextended.chain.config.StartRefusedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;

/**
 * Loads the user's YAML routes from {@code chain.routes.dir}, each file on its own so that a broken one is named.
 * A route builder rather than {@code camel.main.routes-include-pattern}: a {@code file:} pattern whose folder is
 * missing fails the start, and route configurations (chain-errors) are in place before route builders run.
 */
public class UserRoutes extends RouteBuilder {

    @Override
    public void configure() throws IOException {
        Path dir = ChainConfig.of(getContext()).routesDir();
        if (!Files.isDirectory(dir)) {
            log.info("No user routes: {} {} is not a directory", ChainKeys.ROUTES_DIR.name(), dir);
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            try {
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(PluginHelper.getResourceLoader(getContext()).resolveResource("file:" + file));
            } catch (Exception e) {
                throw new StartRefusedException("Cannot load user route file " + file + ": " + e.getMessage(), e);
            }
            log.info("Loaded user routes from {}", file);
        }
    }
}
