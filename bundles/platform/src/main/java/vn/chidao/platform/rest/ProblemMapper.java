package vn.chidao.platform.rest;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import vn.chidao.platform.api.ServiceUnavailableException;
import vn.chidao.platform.api.rest.ProblemException;

/** Every error under /api becomes application/problem+json: never a stack trace, never an HTML page. */
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final AtomicLong LAST_AWAY_LOG = new AtomicLong(System.nanoTime() - 10_000_000_000L);

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(Throwable t) {
        boolean en = Problems.english(headers);
        ProblemException known = find(t, ProblemException.class);
        if (known != null) {
            return Problems.response(known, en);
        }
        ServiceUnavailableException away = find(t, ServiceUnavailableException.class);
        if (away != null) {
            return Problems.response(Problems.serviceUnavailable(away.service()), en);
        }
        JsonProcessingException json = find(t, JsonProcessingException.class);
        if (json != null) {
            String what = json instanceof MismatchedInputException m && m.getPath() != null && !m.getPath().isEmpty()
                    ? "trường '" + m.getPathReference().replaceAll(".*\\[\"?|\"?\\]", "") + "'"
                    : "vị trí " + (json.getLocation() == null ? "?" : json.getLocation().getLineNr() + ":"
                    + json.getLocation().getColumnNr());
            return Problems.response(Problems.malformed(what), en);
        }
        if (DatabaseAway.is(t)) {
            // expected while the database restarts: one line, no stack trace, at most every few seconds
            long now = System.nanoTime();
            long last = LAST_AWAY_LOG.get();
            if (now - last > 5_000_000_000L && LAST_AWAY_LOG.compareAndSet(last, now)) {
                LOG.warn("Database unavailable, answering 503 database-unavailable: {}", t.getMessage());
            }
            return Problems.response(DatabaseAway.problem(), en);
        }
        if (t instanceof WebApplicationException w) {
            int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
            if (status < 500) {
                return Problems.response(Problems.of(status), en);
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unhandled error, incident {}", incident, t);
        return Problems.response(Problems.of(500), en);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }
}
