package vn.chidao.console.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ConsoleFilterTest {

    @Test
    public void routes() {
        assertEquals(ConsoleFilter.Route.REDIRECT_TO_ROOT, ConsoleFilter.route("/console"));
        assertEquals(ConsoleFilter.Route.SHELL_INDEX, ConsoleFilter.route("/console/"));
        assertEquals(ConsoleFilter.Route.FOLDER_INDEX, ConsoleFilter.route("/console/m/registry/"));
        assertEquals(ConsoleFilter.Route.STATIC, ConsoleFilter.route("/console/m/registry/app.js"));
        assertEquals(ConsoleFilter.Route.STATIC, ConsoleFilter.route("/console/js/app.js"));
        assertEquals(ConsoleFilter.Route.STATIC, ConsoleFilter.route("/console/index.html"));
        assertEquals(ConsoleFilter.Route.IMPORT_MAP, ConsoleFilter.route("/console/js/importmap.js"));
        assertEquals(ConsoleFilter.Route.STATIC, ConsoleFilter.route("/console/js/importmap.json"));
    }

    @Test
    public void versionedLibrariesAreCachedLong() {
        assertEquals(ConsoleFilter.LONG_CACHE, ConsoleFilter.cacheControl("/console/lib/lit/3.3.1/index.js"));
        assertEquals(ConsoleFilter.REVALIDATE, ConsoleFilter.cacheControl("/console/js/app.js"));
        assertEquals(ConsoleFilter.REVALIDATE, ConsoleFilter.cacheControl("/console/i18n/vi.json"));
    }
}
