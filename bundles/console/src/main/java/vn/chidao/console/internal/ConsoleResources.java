package vn.chidao.console.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Publishes the bundle folder {@code /ui} at {@code /console/*} through the HTTP whiteboard.
 * The service object itself is only a marker: the whiteboard serves the files from this bundle.
 * {@link ConsoleFilter} adds the index page, the redirect of {@code /console} and cache headers.
 */
@Component(service = ConsoleResources.class, immediate = true)
@HttpWhiteboardResource(pattern = ConsoleResources.PATTERN, prefix = ConsoleResources.PREFIX)
public final class ConsoleResources {
    static final String PATTERN = "/console/*";
    static final String PREFIX = "/ui";
}
