package vn.chidao.platform.migration;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

import org.osgi.framework.Bundle;

/**
 * Flyway lives in the platform bundle, the SQL in the module bundle: classes and Flyway's own service
 * files come from the platform, resources under the migration folder only from the module.
 */
final class BundleResourceClassLoader extends ClassLoader {
    private final Bundle module;
    private final String folder;

    BundleResourceClassLoader(ClassLoader platform, Bundle module, String folder) {
        super(platform);
        this.module = module;
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    private boolean owned(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return n.startsWith(folder) || (n + "/").equals(folder);
    }

    @Override
    public URL getResource(String name) {
        return owned(name) ? module.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (owned(name)) {
            Enumeration<URL> found = module.getResources(name);
            return found == null ? Collections.emptyEnumeration() : found;
        }
        return super.getResources(name);
    }
}
