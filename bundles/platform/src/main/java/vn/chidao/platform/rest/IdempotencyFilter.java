package vn.chidao.platform.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.annotation.Priority;
import javax.sql.DataSource;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Response;

import vn.chidao.platform.api.rest.ProblemException;
import vn.chidao.platform.api.rest.RestModule;

/**
 * A POST with an {@code Idempotency-Key} runs once per caller and key: the key is claimed in the
 * database before the resource runs, a retry gets the stored first answer, a concurrent retry gets 409,
 * and a key reused for a different request gets 422. Server errors release the key so a retry can run.
 *
 * <p>The request is kept only as a SHA-256 of method, path and body (the body is bounded by
 * {@link BodyLimitFilter} before it is read here); the answer as a {@link StoredAnswer}: secrets set to
 * null, at most 64 KiB, otherwise no body. A replay says so in {@code Idempotency-Answer: redacted|omitted}.
 * Streamed uploads are left alone: they are idempotent by content (the same bytes are kept once and
 * answer the same), and buffering them here would hold a whole file in memory.
 */
@Priority(Priorities.AUTHORIZATION + 100)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String ANSWER_HEADER = "Idempotency-Answer";
    private static final String CLAIM = "chidao.idempotency.claim";

    private final DataSource dataSource;

    public IdempotencyFilter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Claim(String principal, String key) {
    }

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        String key = ctx.getHeaderString(HEADER);
        if (key == null || !"POST".equals(ctx.getMethod()) || ctx.getSecurityContext() == null
                || !(ctx.getSecurityContext().getUserPrincipal() instanceof RestModule.CallerPrincipal p)) {
            return;
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.badRequest("idempotency-key", "Idempotency-Key phải có từ 1 đến 200 ký tự.",
                    "Idempotency-Key must have 1 to 200 characters.");
        }
        if (BodyUse.current() == BodyUse.STREAMED) {
            return;
        }
        // bounded: BodyLimitFilter ran first and refuses more than the JSON limit
        byte[] body = ctx.hasEntity() ? ctx.getEntityStream().readAllBytes() : new byte[0];
        ctx.setEntityStream(new ByteArrayInputStream(body));
        java.net.URI uri = ctx.getUriInfo().getRequestUri();
        String requestHash = requestHash(ctx.getMethod(),
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), body);
        String principal = p.caller().userId().toString();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.idempotency (principal, key, request_hash)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, principal);
                ps.setString(2, key);
                ps.setString(3, requestHash);
                if (ps.executeUpdate() == 1) {
                    ctx.setProperty(CLAIM, new Claim(principal, key));
                    return;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, status, content_type, body, body_note"
                    + " FROM platform.idempotency WHERE principal = ? AND key = ?")) {
                ps.setString(1, principal);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.conflict("idempotency-retry", "Vui lòng gửi lại yêu cầu.", "Please retry.");
                    }
                    if (!rs.getString(1).equals(requestHash)) {
                        throw new ProblemException(422, "idempotency-key-reused", "Khóa đã dùng cho yêu cầu khác",
                                "Idempotency-Key này đã được dùng cho một yêu cầu khác.", "Idempotency key reused",
                                "This Idempotency-Key was used for a different request.");
                    }
                    int status = rs.getInt(2);
                    if (rs.wasNull()) {
                        throw ProblemException.conflict("idempotency-in-progress",
                                "Yêu cầu với khóa này đang được xử lý.", "A request with this key is still being processed.");
                    }
                    Response.ResponseBuilder replay = Response.status(status).header("Idempotency-Replayed", "true");
                    byte[] stored = rs.getBytes(4);
                    if (stored != null && stored.length > 0) {
                        replay.type(rs.getString(3)).entity(stored);
                    }
                    if (rs.getString(5) != null) {
                        replay.header(ANSWER_HEADER, rs.getString(5));
                    }
                    ctx.abortWith(replay.build());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) throws IOException {
        if (!(req.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            if (res.getStatus() >= 500) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform.idempotency WHERE principal = ? AND key = ?")) {
                    ps.setString(1, claim.principal());
                    ps.setString(2, claim.key());
                    ps.executeUpdate();
                }
                return;
            }
            StoredAnswer answer = StoredAnswer.of(res.getEntity(), res.getMediaType());
            try (PreparedStatement ps = c.prepareStatement("UPDATE platform.idempotency SET status = ?, content_type = ?,"
                    + " body = ?, body_note = ?, completed_at = now() WHERE principal = ? AND key = ?")) {
                ps.setInt(1, res.getStatus());
                ps.setString(2, answer.contentType());
                ps.setBytes(3, answer.body());
                ps.setString(4, answer.note());
                ps.setString(5, claim.principal());
                ps.setString(6, claim.key());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String requestHash(String method, String path, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(method.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(path.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
