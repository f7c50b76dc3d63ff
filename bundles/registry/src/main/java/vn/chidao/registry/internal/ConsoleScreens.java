package vn.chidao.registry.internal;

import org.osgi.service.component.annotations.Component;

/**
 * The registry's console screens: the bundle folder {@code /ui} (registers, registration with the PDF.js
 * preview, documents, search; PDF.js itself is unpacked into {@code /ui/lib/pdfjs/} at build time) is
 * served at {@code /console/m/registry/*} by the HTTP whiteboard, the entry named in the bundle's
 * {@code Chidao-Module} header. The console's filter forwards the folder to its {@code index.html} and
 * adds the security headers. This service object only carries the whiteboard properties.
 */
@Component(service = ConsoleScreens.class, immediate = true, property = {
    "osgi.http.whiteboard.resource.pattern=" + ConsoleScreens.PATTERN,
    "osgi.http.whiteboard.resource.prefix=" + ConsoleScreens.PREFIX,
})
public final class ConsoleScreens {
    static final String PATTERN = "/console/m/registry/*";
    static final String PREFIX = "/ui";
}
