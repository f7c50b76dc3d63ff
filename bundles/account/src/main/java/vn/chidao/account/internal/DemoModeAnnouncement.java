package vn.chidao.account.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Tells the platform that this node runs with demo people sharing one password: while the demo flag
 * is on, and also after it was turned off on a database the demo seed filled (its password file is
 * still there, and so are the demo people), a service with {@code chidao.demo=account} is registered.
 * The platform's health reports it and every console page shows the demo banner.
 */
@Component(service = {}, immediate = true, configurationPid = "vn.chidao.account")
public final class DemoModeAnnouncement {

    /** The platform's convention (vn.chidao.platform.internal.DemoModules): the value names the module. */
    static final String PROPERTY = "chidao.demo";

    private final ServiceRegistration<DemoModeAnnouncement> registration;

    @Activate
    public DemoModeAnnouncement(BundleContext context, Bootstrap.Config config) {
        if (inDemoMode(config.demo(), Paths.get(System.getProperty("karaf.data", "data")))) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(PROPERTY, "account");
            registration = context.registerService(DemoModeAnnouncement.class, this, properties);
        } else {
            registration = null;
        }
    }

    /** The flag, or a data directory the demo seed filled earlier (its people are still in the database). */
    static boolean inDemoMode(boolean demoFlag, Path dataDir) {
        return demoFlag || Files.exists(dataDir.resolve(Bootstrap.DEMO_PASSWORD_FILE));
    }

    @Deactivate
    void withdraw() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
