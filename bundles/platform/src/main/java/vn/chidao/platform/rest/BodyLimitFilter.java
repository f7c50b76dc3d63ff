package vn.chidao.platform.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Refuses bodies over the configured limit with 413: at once when Content-Length says so, otherwise
 * (chunked) as soon as the reader crosses the limit, before anything is stored.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimitFilter implements ContainerRequestFilter {

    private final long limit;

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        javax.ws.rs.core.MediaType type = ctx.getMediaType();
        if (type != null && !type.getSubtype().endsWith("json") && !"text".equals(type.getType())
                && !type.isCompatible(javax.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            // file uploads (PDF, Office, images) are streamed and bounded by the content store's own limit
            return;
        }
        if (ctx.getLength() > limit) {
            throw Problems.tooLarge();
        }
        ctx.setEntityStream(new Limited(ctx.getEntityStream(), limit));
    }

    static final class TooLarge extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(Problems.tooLarge(), 413);
        }
    }

    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        private void add(long n) {
            if (n > 0 && (count += n) > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            add(n);
            return n;
        }
    }
}
