package vn.chidao.platform.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import vn.chidao.platform.api.content.ContentRejectedException;

/**
 * The storage quota of an agency: the sizes of the contents it holds ({@code platform.content_holder}),
 * each counted once however often it was put. Used inside the transaction that keeps the content.
 */
final class AgencyQuota {

    /** First key of the two-key advisory locks taken here (second: a hash of the agency id). */
    private static final int LOCK_SPACE = 0x43514f54; // "CQOT"

    private AgencyQuota() {
    }

    /** Serialises quota checks of one agency until the transaction ends. */
    static void lock(Connection c, UUID agencyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, agencyId.hashCode());
            ps.executeQuery().close();
        }
    }

    /** Throws {@code storage-quota-exceeded} (507) if holding this content would pass the quota. */
    static void check(Connection c, UUID agencyId, String sha256, long size, long quota) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(ct.size), 0),"
                + " bool_or(h.sha256 = ?) FROM platform.content_holder h JOIN platform.content ct ON ct.sha256 = h.sha256"
                + " WHERE h.agency_id = ?")) {
            ps.setString(1, sha256);
            ps.setObject(2, agencyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long used = rs.getLong(1);
                boolean held = rs.getBoolean(2);
                if (!held && used + size > quota) {
                    throw exceeded(used, quota);
                }
            }
        }
    }

    static void hold(Connection c, UUID agencyId, String sha256, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.content_holder (sha256, agency_id, held_since)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, sha256);
            ps.setObject(2, agencyId);
            ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static ContentRejectedException exceeded(long used, long quota) {
        String of = DatabaseContentStore.readable(used) + " / " + DatabaseContentStore.readable(quota);
        return new ContentRejectedException(507, "storage-quota-exceeded",
                "Cơ quan đã dùng hết dung lượng lưu trữ được cấp (" + of + "); tệp không được lưu."
                        + " Hãy liên hệ quản trị hệ thống để tăng hạn mức.",
                "The agency has used up its storage quota (" + of + "); the file was not kept."
                        + " Ask the system administrator to raise the quota.");
    }
}
