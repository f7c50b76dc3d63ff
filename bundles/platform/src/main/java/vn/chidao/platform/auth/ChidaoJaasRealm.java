package vn.chidao.platform.auth;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Karaf's "karaf" realm backed by Chidao accounts, ranked above the properties realm (which ships with
 * no user at all), so ssh and the shell accept only Chidao system administrators.
 */
@Component(service = JaasRealm.class)
public class ChidaoJaasRealm implements JaasRealm {

    private final long bundleId;

    @Activate
    public ChidaoJaasRealm(BundleContext context) {
        this.bundleId = context.getBundle().getBundleId();
    }

    @Override
    public String getName() {
        return "karaf";
    }

    @Override
    public int getRank() {
        return 100;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        // Karaf's proxy loads the module class from this bundle (JAAS itself only sees the boot class path)
        return new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(ProxyLoginModule.PROPERTY_MODULE, ChidaoLoginModule.class.getName(),
                        ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(bundleId)))};
    }
}
