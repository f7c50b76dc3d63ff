package vn.chidao.platform.rest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;

/**
 * Every request body has a limit, whatever its content type and whoever reads it. Routes that stream
 * the raw body (file uploads) are bounded by the streaming limit (the content store's own, which also
 * refuses first with its own problem); every other route by the JSON limit. Over the limit: 413 at once
 * when Content-Length says so, otherwise as soon as the count crosses it; nothing is buffered here. A
 * body the method does not take is counted up to the limit and dropped, so it cannot pass unnoticed.
 * Runs after matching (it needs the method) and before authentication, idempotency and the resource.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimitFilter implements ContainerRequestFilter {

    private final long jsonLimit;
    private final LongSupplier streamLimit;

    public BodyLimitFilter(long jsonLimit, LongSupplier streamLimit) {
        this.jsonLimit = jsonLimit;
        this.streamLimit = streamLimit;
    }

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        if (ctx.getEntityStream() == null) {
            return;
        }
        BodyUse use = BodyUse.current();
        if (use == BodyUse.STREAMED) {
            // the consumer reads at most its limit + 1 bytes and refuses with its own problem; this is the backstop
            ctx.setEntityStream(new Limited(ctx.getEntityStream(), streamLimit.getAsLong()));
            return;
        }
        if (ctx.getLength() > jsonLimit) {
            throw Problems.tooLarge();
        }
        Limited limited = new Limited(ctx.getEntityStream(), jsonLimit);
        if (use == BodyUse.NONE) {
            limited.drain();
            ctx.setEntityStream(new ByteArrayInputStream(new byte[0]));
            return;
        }
        ctx.setEntityStream(limited);
    }

    static final class TooLarge extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(Problems.tooLarge(), 413);
        }
    }

    /** Counts what passes and throws {@link TooLarge} once more than the limit went through. */
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

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        /** Reads to the end (at most limit + 1 bytes) and forgets what was read. */
        void drain() throws IOException {
            if (in == null) {
                return;
            }
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) >= 0) {
                // counted by read
            }
        }
    }
}
