package io.sqsextended.chain.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sqsextended.chain.config.ChainConfig;
import io.sqsextended.chain.config.setting.StartRefusedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the user's routes from {@code chain.routes.dir}, YAML and Java source (compiled by camel-java-joor-dsl), each
 * file on its own so that a broken one is named, and watches them for changes when {@code chain.routes.reload} is on.
 * A route builder rather than {@code camel.main.routes-include-pattern}: a {@code file:} pattern whose folder is
 * missing fails the start, and route configurations (chain-errors) are in place before route builders run.
 */
public class UserRoutes extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        ConsumerSettings.Routes settings = ChainConfig.of(getContext()).get(ConsumerSettings.GROUP).routes();
        Path dir = settings.dir();
        if (!Files.isDirectory(dir)) {
            log.info("No user routes: {} {} is not a directory", ConsumerSettings.ROUTES_DIR.name(), dir);
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(RouteFileReload::isRouteFile).sorted().toList();
        }
        Map<Path, String> loaded = new HashMap<>();
        for (Path file : files) {
            String content = Files.readString(file);
            try {
                PluginHelper.getRoutesLoader(getContext())
                        .loadRoutes(ResourceHelper.fromString("file:" + file, content));
            } catch (Exception e) {
                throw new StartRefusedException("Cannot load user route file " + file + ": " + e.getMessage(), e);
            }
            loaded.put(file, content);
            log.info("Loaded user routes from {}", file);
        }
        if (settings.reload()) {
            getContext().addService(RouteFileReload.watching(getContext(), dir, loaded));
            log.info("User route files in {} are reloaded when they change ({})",
                    dir, ConsumerSettings.ROUTES_RELOAD.name());
        }
    }
}
