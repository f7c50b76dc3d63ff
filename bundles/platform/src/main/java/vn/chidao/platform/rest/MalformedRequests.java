package vn.chidao.platform.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import vn.chidao.platform.api.rest.Problem;
import vn.chidao.platform.internal.Json;

/**
 * Requests Jetty refuses before any application sees them (a {@code %00} or an ambiguous {@code %2F}
 * in the path, a path or header block too long, a broken request line) get a problem answer like every
 * other refusal, not Jetty's HTML "Bad Message" page. Jetty writes those with the server's
 * {@link ErrorHandler}; pax-web adds {@link HttpConfiguration.Customizer} services live (a
 * {@code Handler} service would restart the whole HTTP runtime), and a customizer sees the server of
 * each request, so the handler is put in place at the first request and taken back when this bundle stops.
 */
@Component(service = HttpConfiguration.Customizer.class)
public class MalformedRequests implements HttpConfiguration.Customizer {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);

    private volatile Server server;
    private volatile ErrorHandler previous;

    @Override
    public void customize(Connector connector, HttpConfiguration config, Request request) {
        Server s = connector.getServer();
        if (server != s) {
            install(s);
        }
    }

    private synchronized void install(Server s) {
        if (server == s) {
            return;
        }
        previous = s.getErrorHandler();
        s.setErrorHandler(new ProblemErrorHandler());
        server = s;
        LOG.info("Malformed HTTP requests are answered with problem+json");
    }

    @Deactivate
    synchronized void deactivate() {
        Server s = server;
        if (s != null && s.getErrorHandler() instanceof ProblemErrorHandler) {
            s.setErrorHandler(previous); // our class must not outlive this bundle's class loader
        }
        server = null;
    }

    /** The problem answer to a request Jetty could not parse (Vietnamese: its headers were not read). */
    static byte[] body(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.type("malformed-request"));
        body.put("title", "Yêu cầu không đúng khuôn dạng HTTP");
        body.put("status", status);
        body.put("detail", "Máy chủ không đọc được yêu cầu (" + HttpStatus.getMessage(status)
                + "): đường dẫn, dòng yêu cầu hoặc tiêu đề không hợp lệ hay quá dài. / The request could not be read.");
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ProblemErrorHandler extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
            fields.put(NoSniffFilter.HEADER, "nosniff");
            return ByteBuffer.wrap(body(status));
        }
    }
}
