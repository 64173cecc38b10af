package io.sqsextended.chain.plugins;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sqsextended.chain.config.ChainConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the plugin jars on the context's application class loader before Camel Main configures anything: beans
 * ({@code camel.beans.*}, bound before any configuration class runs), components, data formats and languages (found
 * through their {@code META-INF/services/org/apache/camel} files there) and route builders load from them.
 */
public class PluginClassLoader extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PluginClassLoader.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            install(main.getCamelContext());
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    private static void install(CamelContext context) throws Exception {
        PluginSettings settings = ChainConfig.of(context).get(PluginSettings.GROUP);
        ClassLoader product = context.getApplicationContextClassLoader() != null
                ? context.getApplicationContextClassLoader()
                : PluginClassLoader.class.getClassLoader();
        BundledArtifacts bundled = new BundledArtifacts(product);
        if (!settings.pluginDependencies().isEmpty()) {
            PluginDependencies.resolveInto(settings.pluginsDir(), settings.pluginDependencies(),
                    settings.pluginRepositories(), bundled);
        }
        List<Path> jars = PluginJars.toAdd(settings.pluginsDir(), bundled);
        if (jars.isEmpty()) {
            LOG.info("No plugins: {} {} holds no jar the product lacks", PluginSettings.DIR.name(),
                    settings.pluginsDir());
            return;
        }
        URLClassLoader plugins = new URLClassLoader("chain-plugins", urls(jars), product);
        context.setApplicationContextClassLoader(plugins);
        // the package scanner took its class loaders when the context was built
        PluginHelper.getPackageScanClassResolver(context).addClassLoader(plugins);
        context.addService(new ThreadClassLoader(Thread.currentThread(), plugins), true, true);
        LOG.info("Plugins from {}: {}", settings.pluginsDir(),
                jars.stream().map(jar -> jar.getFileName().toString()).toList());
    }

    private static URL[] urls(List<Path> jars) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /**
     * The starting thread sees the plugins too (libraries that load through it), undone with the context; the loader
     * stays open: services that stop after this one may still load classes from it.
     */
    private static final class ThreadClassLoader extends ServiceSupport {

        private final Thread thread;
        private final URLClassLoader plugins;
        private final ClassLoader before;

        ThreadClassLoader(Thread thread, URLClassLoader plugins) {
            this.thread = thread;
            this.plugins = plugins;
            this.before = thread.getContextClassLoader();
            thread.setContextClassLoader(plugins);
        }

        @Override
        protected void doStop() {
            if (thread.getContextClassLoader() == plugins) {
                thread.setContextClassLoader(before);
            }
        }
    }
}
