package vn.chidao.platform.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.provider.ServerProviderFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.rest.RestModule;
import vn.chidao.platform.auth.AuthenticatorChoice;
import vn.chidao.platform.content.DatabaseContentStore;
import vn.chidao.platform.internal.Json;

/**
 * Gathers resource services by their {@code chidao.rest.module} property into one CXF JAX-RS
 * application per module, at {@code /api/v1/<module>} (the platform's own at {@code /api/v1}, and a
 * fallback at {@code /api} that answers 404 problems). A module's resources coming or going rebuild
 * only that module's server; no other endpoint notices.
 */
@Component(service = RestPublisher.class, immediate = true, configurationPid = "vn.chidao.rest")
@Designate(ocd = RestPublisher.Config.class)
public class RestPublisher {

    @ObjectClassDefinition(name = "Chidao REST")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body in bytes (JSON APIs; file uploads set their own)")
        long maxBodyBytes() default 1_048_576;

        @AttributeDefinition(description = "Longest a request waits for a module being replaced, in milliseconds")
        long moduleWaitMillis() default 10_000;

        @AttributeDefinition(description = "Seconds after which a module whose resources all left is taken as gone for good")
        int moduleGraceSeconds() default 15;

        @AttributeDefinition(description = "Quiet time after a module's resources change before its application is rebuilt")
        long settleMillis() default 300;

        @AttributeDefinition(description = "Longest a module that starts changing waits for its requests in flight, in milliseconds")
        long drainMillis() default 2_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestPublisher.class);
    public static final String FALLBACK = "_fallback";
    /** Counts application rebuilds, so the OpenAPI document is regenerated only after a change. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    static final String METHOD_OVERRIDE = "org.apache.cxf.jaxrs.allow.http.method.override";
    /** Names the platform's own application owns directly under /api/v1. */
    static final Set<String> RESERVED = Set.of("health", "modules", "journal", "openapi.json",
            "announcements", "session");

    private final DataSource dataSource;
    private final long maxBody;
    private final Bus bus;
    private final Map<String, Map<ServiceReference<?>, Object>> resources = new ConcurrentHashMap<>();
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final ServiceTracker<Object, String> tracker;
    private final AuthenticatorChoice authenticators;
    private final ModuleTraffic traffic = new ModuleTraffic();
    private final Config config;
    private final ModuleSettling settling;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            cardinality = ReferenceCardinality.OPTIONAL)
    private volatile ContentStore contentStore;

    @Activate
    public RestPublisher(BundleContext context,
                         @Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                         @Reference(target = "(chidao.schema=platform)") SchemaReady schema,
                         @Reference AuthenticatorChoice authenticators, Config config)
            throws InvalidSyntaxException {
        this.dataSource = dataSource;
        this.authenticators = authenticators;
        this.config = config;
        this.maxBody = config.maxBodyBytes();
        this.bus = withPlatformLoader(() -> BusFactory.newInstance().createBus());
        this.settling = new ModuleSettling(traffic, new ModuleSettling.Applications() {
            @Override
            public Set<String> resourceClasses(String module) {
                Set<String> names = new TreeSet<>();
                resources.getOrDefault(module, Map.of()).values().forEach(r -> names.add(r.getClass().getName()));
                return names;
            }

            @Override
            public boolean rebuild(String module) {
                return RestPublisher.this.rebuild(module);
            }
        }, config.settleMillis(), config.moduleGraceSeconds());
        Filter filter = context.createFilter("(" + RestModule.PROPERTY + "=*)");
        this.tracker = new ServiceTracker<>(context, filter, new ServiceTrackerCustomizer<>() {
            @Override
            public String addingService(ServiceReference<Object> ref) {
                String module = String.valueOf(ref.getProperty(RestModule.PROPERTY));
                Object service = context.getService(ref);
                if (service == null) {
                    return null;
                }
                resources.computeIfAbsent(module, m -> new ConcurrentHashMap<>()).put(ref, service);
                changed(module, ref.getBundle(), 0);
                return module;
            }

            @Override
            public void modifiedService(ServiceReference<Object> ref, String module) {
            }

            @Override
            public void removedService(ServiceReference<Object> ref, String module) {
                // called before the resource's component deactivates: let the module's requests finish first
                changed(module, null, RestPublisher.this.config.drainMillis());
                Map<ServiceReference<?>, Object> m = resources.get(module);
                if (m != null) {
                    m.remove(ref);
                }
                context.ungetService(ref);
            }
        });
        tracker.open(true);
        resources.put(FALLBACK, new ConcurrentHashMap<>(Map.of()));
        rebuild(FALLBACK);
    }

    ModuleTraffic traffic() {
        return traffic;
    }

    long moduleWaitMillis() {
        return config.moduleWaitMillis();
    }

    @Deactivate
    void deactivate() {
        settling.shutdown();
        tracker.close();
        servers.values().forEach(Server::destroy);
        servers.clear();
        bus.shutdown(false);
    }

    static String address(String module) {
        return switch (module) {
            case RestModule.PLATFORM -> "/v1";
            case FALLBACK -> "/";
            default -> "/v1/" + module;
        };
    }

    /** The module's resources change: {@link ModuleSettling} holds its requests and rebuilds it when settled. */
    private void changed(String module, Bundle provider, long drainMillis) {
        if (!FALLBACK.equals(module)) {
            settling.changed(module, provider, drainMillis);
        }
    }

    /** Rebuilds a module's application from its resources now; false when it has none left. */
    private synchronized boolean rebuild(String module) {
        generation.incrementAndGet();
        List<Object> beans = new ArrayList<>(resources.getOrDefault(module, Map.of()).values());
        if (FALLBACK.equals(module)) {
            beans.add(new FallbackResource());
            beans.add(new ApiDocs());
        }
        if (beans.isEmpty()) {
            resources.remove(module);
            Server old = servers.remove(module);
            if (old != null) {
                old.destroy();
            }
            LOG.info("REST application {} removed", address(module));
            return false;
        }
        if (!FALLBACK.equals(module) && (!module.matches("[a-z][a-z0-9-]{0,40}") || RESERVED.contains(module))) {
            LOG.warn("Ignoring REST resources of module '{}': invalid or reserved name", module);
            return false;
        }
        // CXF keeps one destination per address: the old application goes before the new one is created.
        // No request sees the gap: the module is closed in ModuleTraffic while it is rebuilt.
        Server old = servers.remove(module);
        if (old != null) {
            old.destroy();
        }
        Server server = withPlatformLoader(() -> {
            JAXRSServerFactoryBean sf = new JAXRSServerFactoryBean();
            sf.setBus(bus);
            sf.setAddress(address(module));
            sf.setServiceBeans(beans);
            sf.setProviders(providers());
            sf.setProperties(new HashMap<>(Map.of(METHOD_OVERRIDE, false)));
            sf.setStart(false);
            Server s = sf.create();
            withoutQueryOverrides(s);
            return s;
        });
        server.start();
        servers.put(module, server);
        generation.incrementAndGet();
        LOG.info("REST application /api{} published with {} resource(s)", address(module), beans.size());
        return true;
    }

    /**
     * CXF lets query parameters override the request: {@code _ctype} the Content-Type, {@code _type} the
     * Accept header, {@code _method} (and X-HTTP-Method-Override, off by default) the method, plus
     * extension and language mappings. A cross-site text/plain form could then post JSON (login CSRF).
     * Without the request preprocessor none of them applies; the method override is also turned off.
     */
    static void withoutQueryOverrides(Server server) {
        ServerProviderFactory factory = (ServerProviderFactory) server.getEndpoint().get(ServerProviderFactory.class.getName());
        factory.setRequestPreprocessor(null);
    }

    /** Fresh provider instances per application: CXF injects per-application context proxies into them. */
    private List<Object> providers() {
        return List.of(new JacksonJsonProvider(Json.MAPPER), new ProblemMapper(), new BodyLimitFilter(maxBody, this::streamLimit),
                new AuthFilter(authenticators::current), new ModuleGate.Unavailable(), new IdempotencyFilter(dataSource), new NoSniffFilter());
    }

    /** Streamed bodies (uploads) are bounded by the content store, which reads at most its limit + 1 bytes. */
    private long streamLimit() {
        ContentStore store = contentStore;
        return (store == null ? DatabaseContentStore.DEFAULT_MAX_BYTES : store.maxBytes()) + 1;
    }

    /** Resource objects per module (module name → resources), for the OpenAPI document. */
    long generation() {
        return generation.get();
    }

    public Map<String, List<Object>> published() {
        Map<String, List<Object>> out = new TreeMap<>();
        resources.forEach((module, m) -> {
            if (!FALLBACK.equals(module) && servers.containsKey(module)) {
                out.put(module, new ArrayList<>(m.values()));
            }
        });
        return out;
    }

    public Map<String, String> addresses() {
        Map<String, String> out = new LinkedHashMap<>();
        servers.keySet().stream().filter(m -> !FALLBACK.equals(m)).sorted()
                .forEach(m -> out.put(m, "/api" + address(m)));
        return out;
    }

    private <T> T withPlatformLoader(java.util.function.Supplier<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(RestPublisher.class.getClassLoader());
        try {
            return action.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
