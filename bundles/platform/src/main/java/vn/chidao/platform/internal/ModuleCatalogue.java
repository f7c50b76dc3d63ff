package vn.chidao.platform.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

import vn.chidao.platform.api.ModuleInfo;
import vn.chidao.platform.migration.MigrationStatus;
import vn.chidao.platform.rest.RestPublisher;

/**
 * The modules installed now: every active bundle with a {@code Chidao-Module: name[;console=/console/m/name/]}
 * header. Its state is READY once its REST application is published (or it has none), FAILED when its
 * migrations failed, STARTING meanwhile.
 */
@Component(service = ModuleCatalogue.class, immediate = true)
public class ModuleCatalogue {

    private record Announced(String name, String console, Bundle bundle) {
    }

    private final Map<Long, Announced> modules = new ConcurrentHashMap<>();
    private final BundleTracker<Announced> tracker;
    private final MigrationStatus migrations;
    private final RestPublisher rest;

    @Activate
    public ModuleCatalogue(BundleContext context, @Reference MigrationStatus migrations, @Reference RestPublisher rest) {
        this.migrations = migrations;
        this.rest = rest;
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<>() {
            @Override
            public Announced addingBundle(Bundle bundle, BundleEvent event) {
                String header = bundle.getHeaders().get(ModuleInfo.HEADER);
                if (header == null || header.isBlank()) {
                    return null;
                }
                String[] parts = header.split(";");
                String console = null;
                for (int i = 1; i < parts.length; i++) {
                    String[] kv = parts[i].trim().split("=", 2);
                    if (kv.length == 2 && "console".equals(kv[0].trim())) {
                        console = kv[1].trim().replace("\"", "");
                    }
                }
                Announced a = new Announced(parts[0].trim(), console, bundle);
                modules.put(bundle.getBundleId(), a);
                return a;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Announced a) {
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Announced a) {
                modules.remove(bundle.getBundleId());
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    public List<ModuleInfo> modules() {
        Map<String, String> published = rest.addresses();
        Map<String, MigrationStatus.Result> schemas = new java.util.HashMap<>();
        migrations.results().forEach(r -> schemas.put(r.bundle(), r));
        return modules.values().stream().map(a -> {
            MigrationStatus.Result m = schemas.get(a.bundle().getSymbolicName());
            String state;
            String detail = null;
            if (m != null && "FAILED".equals(m.status())) {
                state = "FAILED";
                detail = m.detail();
            } else if (m != null && !"READY".equals(m.status())) {
                state = "STARTING";
            } else {
                state = "READY";
            }
            String restBase = published.get(a.name());
            return new ModuleInfo(a.name(), a.bundle().getVersion().toString(), a.bundle().getSymbolicName(),
                    restBase, a.console(), state, detail);
        }).sorted(Comparator.comparing(ModuleInfo::name)).toList();
    }
}
