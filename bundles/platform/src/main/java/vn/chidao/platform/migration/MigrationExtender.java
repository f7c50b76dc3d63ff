package vn.chidao.platform.migration;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.ModuleInfo;
import vn.chidao.platform.api.SchemaReady;

/**
 * Extender: every bundle with a {@code Chidao-Migrations: db/<schema>} header gets its SQL migrations
 * applied when it starts, with that bundle's own resources, into its own schema. On success the
 * platform registers a {@link SchemaReady} service for the schema (on behalf of the bundle, so it goes
 * away with it); on failure the schema stays unready, so the module's components never activate.
 */
@Component(service = MigrationStatus.class, immediate = true)
public class MigrationExtender implements MigrationStatus {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);

    private final DataSource dataSource;
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final Map<Long, ServiceRegistration<SchemaReady>> registrations = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "chidao-migrations"));
    private final BundleTracker<String> tracker;

    @Activate
    public MigrationExtender(BundleContext context,
                             @Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource) {
        this.dataSource = dataSource;
        // the platform's schema first: every module's SQL may use its functions (unaccent, collation)
        Bundle own = context.getBundle();
        executor.execute(() -> migrate(own, own.getHeaders().get(ModuleInfo.MIGRATIONS_HEADER).trim()));
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                String folder = bundle.getHeaders().get(ModuleInfo.MIGRATIONS_HEADER);
                if (folder == null || bundle.equals(own)) {
                    return null;
                }
                executor.execute(() -> migrate(bundle, folder.trim()));
                return folder;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, String folder) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String folder) {
                executor.execute(() -> unregister(bundle));
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        executor.shutdownNow();
        registrations.values().forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped first
            }
        });
    }

    private void migrate(Bundle bundle, String folder) {
        String schema = SchemaMigrator.schemaOf(folder);
        results.put(schema, new Result(schema, bundle.getSymbolicName(), "MIGRATING", null, null));
        try {
            SchemaMigrator.Outcome outcome = SchemaMigrator.migrate(dataSource, new BundleResourceClassLoader(
                    getClass().getClassLoader(), bundle, folder), folder);
            results.put(schema, new Result(schema, bundle.getSymbolicName(), "READY", outcome.version(),
                    outcome.applied() + " migration(s) applied"));
            BundleContext bc = bundle.getBundleContext();
            if (bc == null || (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                return;
            }
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(SchemaReady.SCHEMA_PROPERTY, schema);
            String version = outcome.version();
            ServiceRegistration<SchemaReady> old = registrations.put(bundle.getBundleId(), bc.registerService(
                    SchemaReady.class, new SchemaReady() {
                        @Override
                        public String schema() {
                            return schema;
                        }

                        @Override
                        public String version() {
                            return version;
                        }
                    }, props));
            if (old != null) {
                old.unregister();
            }
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            LOG.warn("Migrations of schema {} from {} failed; the module stays without endpoints: {}", schema,
                    bundle.getSymbolicName(), reason);
            results.put(schema, new Result(schema, bundle.getSymbolicName(), "FAILED", null, reason));
        }
    }

    private void unregister(Bundle bundle) {
        ServiceRegistration<SchemaReady> r = registrations.remove(bundle.getBundleId());
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered with the bundle
            }
        }
        results.values().removeIf(x -> x.bundle().equals(bundle.getSymbolicName()));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return t == e ? first : first + " (" + m.lines().findFirst().orElse(m) + ")";
    }

    @Override
    public List<Result> results() {
        return results.values().stream().sorted(java.util.Comparator.comparing(Result::schema)).toList();
    }
}
