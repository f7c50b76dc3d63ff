package vn.chidao.platform.rest;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.rest.RestModule;

/**
 * Holds a request for {@code /api/v1/<module>} before Jetty dispatches it while that module is being
 * replaced (its bundle or one it needs is updated or refreshed), instead of letting it fall to a half-built
 * application or the 404 fallback. Past the wait the request goes on marked, and {@link Unavailable} answers
 * it with a 503 problem and Retry-After. Admitted requests are counted until Jetty completes them, so a
 * module's resources are taken away only once its requests are done.
 */
// pax-web keeps customizers in a set ordered by service.ranking alone: one with the same ranking as
// MalformedRequests (0) would be dropped silently, hence a ranking of its own
@Component(service = HttpConfiguration.Customizer.class, property = "service.ranking:Integer=10")
public class ModuleGate implements HttpConfiguration.Customizer {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleGate.class);
    static final String UNAVAILABLE = "vn.chidao.module.unavailable";
    private static final String PREFIX = "/api/v1/";

    private final RestPublisher publisher;

    @Activate
    public ModuleGate(@Reference RestPublisher publisher) {
        this.publisher = publisher;
    }

    private volatile boolean announced;

    @Override
    public void customize(Connector connector, HttpConfiguration config, Request request) {
        if (!announced) {
            announced = true;
            LOG.info("Requests for a module being replaced wait for it (at most {} ms)", publisher.moduleWaitMillis());
        }
        String module = module(request.getRequestURI());
        if (module == null) {
            return;
        }
        ModuleTraffic traffic = publisher.traffic();
        long t0 = System.nanoTime();
        ModuleTraffic.Admission admission = traffic.admit(module, publisher.moduleWaitMillis());
        long waited = (System.nanoTime() - t0) / 1_000_000;
        if (waited > 50) {
            LOG.info("A request for module {} waited {} ms while the module was replaced: {}", module, waited, admission);
        }
        switch (admission) {
            case ADMITTED -> request.getHttpChannel().addListener(new HttpChannel.Listener() {
                @Override
                public void onComplete(Request done) {
                    traffic.release(module);
                }
            });
            case UNAVAILABLE -> request.setAttribute(UNAVAILABLE, module);
            default -> {
            }
        }
    }

    /** The module segment of an API path, or null when the path is not a module's. */
    static String module(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        int end = uri.indexOf('/', PREFIX.length());
        String segment = uri.substring(PREFIX.length(), end < 0 ? uri.length() : end);
        if (RestPublisher.RESERVED.contains(segment)) {
            return RestModule.PLATFORM; // the platform's own application at /api/v1
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!isNameChar(segment.charAt(i))) {
                return null;
            }
        }
        return segment.isEmpty() ? null : segment;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    /** Answers a request the gate let through after waiting in vain: 503 with Retry-After, never a 404. */
    @PreMatching
    static final class Unavailable implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext ctx) {
            Message m = JAXRSUtils.getCurrentMessage();
            Object http = m == null ? null : m.get(AbstractHTTPDestination.HTTP_REQUEST);
            if (http instanceof HttpServletRequest r && r.getAttribute(UNAVAILABLE) instanceof String module) {
                throw Problems.serviceUnavailable("mô-đun / module " + module);
            }
        }
    }
}
