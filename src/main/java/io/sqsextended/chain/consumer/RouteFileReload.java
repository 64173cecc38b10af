package io.sqsextended.chain.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the routes of a user route file that changed, by their ids, through Camel's routes loader. Not Camel Main's
 * route reload: it removes every route of the context first (the chain's own too) unless told not to, and then a
 * route that fails to start is gone. Here a file that does not load is logged in one line, and the routes it had
 * before are put back if the failed attempt removed them.
 */
final class RouteFileReload implements ResourceReload {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReload.class);

    /**
     * What each file held when it last loaded: a save that fires several events loads once, and a failure goes back to
     * it.
     */
    private final Map<Path, String> loaded;
    private final CamelContext context;

    private RouteFileReload(CamelContext context, Map<Path, String> loaded) {
        this.context = context;
        this.loaded = new ConcurrentHashMap<>(loaded);
    }

    static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".java"));
    }

    /** Camel's folder watcher (Java's WatchService) over {@code dir}, reloading the route files it reports. */
    static FileWatcherResourceReloadStrategy watching(CamelContext context, Path dir, Map<Path, String> loaded) {
        // deleted files are not route files: their routes run until the next start
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(dir.toString());
        watcher.setFileFilter(file -> isRouteFile(file.toPath()));
        watcher.setResourceReload(new RouteFileReload(context, loaded));
        watcher.setCamelContext(context);
        return watcher;
    }

    @Override
    public void onReload(String name, Resource changed) {
        Path file = Path.of(name).toAbsolutePath().normalize();
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            LOG.error("Cannot reload user route file {}: {}", file, e.toString());
            return;
        }
        if (content.equals(loaded.get(file))) {
            return;
        }
        Set<String> before = routeIds(file);
        try {
            Set<String> ids = load(file, content);
            loaded.put(file, content);
            LOG.info("Reloaded user route file {}: routes {}", file, ids);
        } catch (Exception e) {
            LOG.error("Cannot reload user route file {}: {}; the routes it had keep running", file, e.getMessage());
            restore(file, before);
        }
    }

    private Set<String> load(Path file, String content) throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .updateRoutes(List.of(ResourceHelper.fromString("file:" + file, content)));
    }

    /** A route that failed to start replaced its running namesake: the version that last loaded comes back. */
    private void restore(Path file, Set<String> before) {
        String previous = loaded.get(file);
        if (previous == null || before.stream().allMatch(id -> context.getRoute(id) != null)) {
            return;
        }
        try {
            load(file, previous);
        } catch (Exception e) {
            LOG.error("Cannot restore the routes of {} as they were: {}", file, e.getMessage());
        }
    }

    private Set<String> routeIds(Path file) {
        String location = "file:" + file;
        return context.getRoutes().stream().filter(route -> route.getSourceResource() != null
                && location.equals(route.getSourceResource().getLocation())).map(Route::getRouteId)
                        .collect(Collectors.toSet());
    }
}
