package vn.chidao.platform.internal;

import java.util.List;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Which modules run with demo data (invented agencies, demo people sharing one password). A module
 * says so by registering a service, of any type, with the property {@code chidao.demo=<module name>}
 * (the account module does while its demo flag is on); the platform reads no module's tables for it.
 * Health reports it, and every console page shows a banner from there.
 */
@Component(service = DemoModules.class, immediate = true)
public class DemoModules {

    /** Service property by which a module announces demo data; its value is the module's name. */
    public static final String PROPERTY = "chidao.demo";

    private final ServiceTracker<Object, String> tracker;

    @Activate
    public DemoModules(BundleContext context) throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context, context.createFilter("(" + PROPERTY + "=*)"),
                new ServiceTrackerCustomizer<>() {
                    @Override
                    public String addingService(ServiceReference<Object> reference) {
                        return String.valueOf(reference.getProperty(PROPERTY)); // the object itself is not needed
                    }

                    @Override
                    public void modifiedService(ServiceReference<Object> reference, String module) {
                    }

                    @Override
                    public void removedService(ServiceReference<Object> reference, String module) {
                    }
                });
        tracker.open(true); // all services: the announcing type is private to its module
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /** The announcing modules' names, sorted; empty when the node runs without demo data. */
    public List<String> modules() {
        return List.copyOf(new TreeSet<>(tracker.getTracked().values()));
    }
}
