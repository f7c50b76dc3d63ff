package vn.chidao.account.internal;

import org.osgi.service.component.annotations.Component;

/**
 * Publishes the bundle folder {@code /ui} (the account screens) at {@code /console/m/account/*}
 * through the HTTP whiteboard, the entry the module catalogue announces ({@code Chidao-Module}
 * header). The console's filter forwards {@code /console/m/account/} to its {@code index.html}.
 * The service object is only a marker: the whiteboard serves the files from this bundle.
 */
@Component(service = ConsoleScreens.class, immediate = true, property = {
    "osgi.http.whiteboard.resource.pattern=" + ConsoleScreens.PATTERN,
    "osgi.http.whiteboard.resource.prefix=" + ConsoleScreens.PREFIX,
})
public final class ConsoleScreens {
    static final String PATTERN = "/console/m/account/*";
    static final String PREFIX = "/ui";
}
