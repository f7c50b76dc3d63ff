package vn.chidao.platform.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;
import vn.chidao.platform.api.journal.Verification;

/**
 * The journal on plain JDBC, usable without OSGi (unit tests, benchmarks). Each entry's hash is the
 * SHA-256 of the RFC 8785 canonical JSON of its fields and the previous entry's hash, so the stored
 * text form of the payload (jsonb re-orders keys) never matters.
 */
public final class JournalStore {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final DataSource dataSource;
    private final ChidaoClock clock;

    public JournalStore(DataSource dataSource, ChidaoClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public JournalEntry append(Connection tx, JournalDraft draft) throws SQLException {
        if (tx.getAutoCommit()) {
            throw new IllegalStateException("Journal entries are appended inside the caller's transaction");
        }
        // lock the chain head (no write yet): appends of one agency queue here until the holder commits
        String[] head = lockHead(tx, draft.agencyId());
        if (head == null) {
            try (PreparedStatement ins = tx.prepareStatement(
                    "INSERT INTO platform.journal_head (agency_id, chain_seq, hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")) {
                ins.setObject(1, draft.agencyId());
                ins.setString(2, GENESIS);
                ins.executeUpdate();
            }
            head = lockHead(tx, draft.agencyId());
        }
        long chainSeq = Long.parseLong(head[0]) + 1;
        String prev = head[1];
        UUID id = Ids.newId();
        Instant at = clock.now();
        String payloadJson = write(draft.payload());
        String hash = hash(id, draft.agencyId(), chainSeq, draft.actor(), draft.action(), draft.subjectId(), at,
                payloadJson, prev);
        // the entry and the new head in one round trip, the head row written once
        try (PreparedStatement ins = tx.prepareStatement("WITH entry AS (INSERT INTO platform.journal (id, agency_id,"
                + " chain_seq, actor, action, subject_id, occurred_at, payload, prev_hash, hash)"
                + " VALUES (?,?,?,?,?,?,?,?::jsonb,?,?) RETURNING chain_seq, hash)"
                + " UPDATE platform.journal_head h SET chain_seq = e.chain_seq, hash = e.hash FROM entry e"
                + " WHERE h.agency_id = ?")) {
            ins.setObject(1, id);
            ins.setObject(2, draft.agencyId());
            ins.setLong(3, chainSeq);
            ins.setString(4, draft.actor());
            ins.setString(5, draft.action());
            ins.setString(6, draft.subjectId());
            ins.setObject(7, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ins.setString(8, payloadJson);
            ins.setString(9, prev);
            ins.setString(10, hash);
            ins.setObject(11, draft.agencyId());
            ins.executeUpdate();
        }
        return new JournalEntry(id, draft.agencyId(), chainSeq, null, draft.actor(), draft.action(), draft.subjectId(),
                at, draft.payload(), prev, hash);
    }

    private static String[] lockHead(Connection tx, UUID agency) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "SELECT chain_seq, hash FROM platform.journal_head WHERE agency_id = ? FOR UPDATE")) {
            ps.setObject(1, agency);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {Long.toString(rs.getLong(1)), rs.getString(2)} : null;
            }
        }
    }

    public JournalEntry append(JournalDraft draft) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                JournalEntry e = append(c, draft);
                c.commit();
                return e;
            } catch (SQLException | RuntimeException e) {
                Db.rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Journal append failed: " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "j.id, j.agency_id, j.chain_seq, p.position, j.actor, j.action, j.subject_id,"
            + " j.occurred_at, j.payload::text, j.prev_hash, j.hash";
    private static final String FROM = " FROM platform.journal j LEFT JOIN platform.journal_position p ON p.seq = j.seq";

    public List<JournalEntry> tail(UUID agency, int limit) {
        return tail(agency, null, limit);
    }

    /** Newest first; {@code agency} and {@code subject} null for any. */
    public List<JournalEntry> tail(UUID agency, String subject, int limit) {
        String sql = "SELECT " + COLUMNS + FROM + " WHERE (?::uuid IS NULL OR j.agency_id = ?::uuid)"
                + " AND (?::text IS NULL OR j.subject_id = ?::text) ORDER BY j.seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agency);
            ps.setObject(2, agency);
            ps.setString(3, subject);
            ps.setString(4, subject);
            ps.setInt(5, Math.max(1, Math.min(limit, 1000)));
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Committed entries after {@code position}, in commit order. */
    public List<JournalEntry> after(Connection c, long position, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM platform.journal_position p"
                + " JOIN platform.journal j ON j.seq = p.seq WHERE p.position > ? ORDER BY p.position LIMIT ?")) {
            ps.setLong(1, position);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    private static List<JournalEntry> read(PreparedStatement ps) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        long pos = rs.getLong(4);
        Long position = rs.wasNull() ? null : pos;
        return new JournalEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), position,
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant(),
                readMap(rs.getString(9)), rs.getString(10), rs.getString(11));
    }

    /** Whether any entry occurred before {@code instant} (business clock). */
    public boolean hasEntriesBefore(Instant instant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM platform.journal WHERE occurred_at < ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Chain heads as the database has them now: agency → (chainSeq, hash). */
    public Map<UUID, Checkpoints.Head> heads() {
        Map<UUID, Checkpoints.Head> heads = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT agency_id, chain_seq, hash FROM platform.journal_head ORDER BY agency_id")) {
            while (rs.next()) {
                heads.put(rs.getObject(1, UUID.class), new Checkpoints.Head(rs.getLong(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return heads;
    }

    /**
     * Walks every chain from its first entry: sequence numbers without holes, each entry linked to its
     * predecessor, each hash re-computed from the stored fields; then the chain's end against the head
     * row and against the signed checkpoint (which catches deletion of the newest entries).
     */
    public Verification verify(Checkpoints.Checkpoint checkpoint) {
        long checked = 0;
        int chains = 0;
        Map<UUID, Checkpoints.Head> heads = new LinkedHashMap<>();
        Map<UUID, Checkpoints.Head> ends = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            // heads and entries from one snapshot, so concurrent appends never look like tampering
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT agency_id, chain_seq, hash FROM platform.journal_head")) {
                while (rs.next()) {
                    heads.put(rs.getObject(1, UUID.class), new Checkpoints.Head(rs.getLong(2), rs.getString(3)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                    + " ORDER BY j.agency_id, j.chain_seq")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    UUID agency = null;
                    long expected = 0;
                    String prev = null;
                    String rawPayload;
                    while (rs.next()) {
                        JournalEntry e = entry(rs);
                        rawPayload = rs.getString(9);
                        if (!e.agencyId().equals(agency)) {
                            agency = e.agencyId();
                            expected = 1;
                            prev = GENESIS;
                            chains++;
                        }
                        if (e.chainSeq() != expected) {
                            return broken(checked, chains, checkpoint, agency, expected, null,
                                    "entry " + expected + " is missing (next present is " + e.chainSeq() + ")");
                        }
                        if (!e.prevHash().equals(prev)) {
                            return broken(checked, chains, checkpoint, agency, expected, e.id(),
                                    "link to the previous entry is broken");
                        }
                        String recomputed = hash(e.id(), e.agencyId(), e.chainSeq(), e.actor(), e.action(), e.subjectId(),
                                e.occurredAt(), rawPayload, e.prevHash());
                        if (!recomputed.equals(e.hash())) {
                            return broken(checked, chains, checkpoint, agency, expected, e.id(),
                                    "content differs from what was recorded");
                        }
                        prev = e.hash();
                        ends.put(agency, new Checkpoints.Head(expected, prev));
                        expected++;
                        checked++;
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        for (Map.Entry<UUID, Checkpoints.Head> h : heads.entrySet()) {
            Checkpoints.Head end = ends.getOrDefault(h.getKey(), new Checkpoints.Head(0, GENESIS));
            if (end.chainSeq() < h.getValue().chainSeq()) {
                return broken(checked, chains, checkpoint, h.getKey(), end.chainSeq() + 1, null,
                        "newest entries missing: chain ends at " + end.chainSeq() + " but its head is at "
                                + h.getValue().chainSeq());
            }
            if (!end.equals(h.getValue())) {
                return broken(checked, chains, checkpoint, h.getKey(), h.getValue().chainSeq(), null,
                        "chain head altered: it does not point at the chain's last entry");
            }
        }
        for (UUID agency : ends.keySet()) {
            if (!heads.containsKey(agency)) {
                return broken(checked, chains, checkpoint, agency, ends.get(agency).chainSeq(), null,
                        "chain head missing");
            }
        }
        Verification v = againstCheckpoint(checkpoint, ends, checked, chains);
        if (v != null) {
            return v;
        }
        return Verification.ok(checked, chains, checkpoint == null ? null : checkpoint.createdAt().toString());
    }

    /**
     * Cheap check before writing a new checkpoint: every chain still reaches at least as far as the
     * previous checkpoint saw, with the same hash there.
     */
    public Verification extendsCheckpoint(Checkpoints.Checkpoint checkpoint) {
        Verification v = againstCheckpoint(checkpoint, heads(), 0, 0);
        return v != null ? v : Verification.ok(0, 0, checkpoint == null ? null : checkpoint.createdAt().toString());
    }

    private Verification againstCheckpoint(Checkpoints.Checkpoint checkpoint, Map<UUID, Checkpoints.Head> ends,
                                           long checked, int chains) {
        if (checkpoint == null) {
            return null;
        }
        for (Map.Entry<UUID, Checkpoints.Head> h : checkpoint.heads().entrySet()) {
            Checkpoints.Head end = ends.getOrDefault(h.getKey(), new Checkpoints.Head(0, GENESIS));
            if (end.chainSeq() < h.getValue().chainSeq()) {
                return broken(checked, chains, checkpoint, h.getKey(), end.chainSeq() + 1, null,
                        "newest entries missing: chain ends at " + end.chainSeq() + " but the checkpoint of "
                                + checkpoint.createdAt() + " saw " + h.getValue().chainSeq());
            }
            String at = hashAt(h.getKey(), h.getValue().chainSeq());
            if (!h.getValue().hash().equals(at)) {
                return broken(checked, chains, checkpoint, h.getKey(), h.getValue().chainSeq(), null,
                        "entry differs from the signed checkpoint of " + checkpoint.createdAt());
            }
        }
        return null;
    }

    private String hashAt(UUID agency, long chainSeq) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM platform.journal WHERE agency_id = ? AND chain_seq = ?")) {
            ps.setObject(1, agency);
            ps.setLong(2, chainSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Verification broken(long checked, int chains, Checkpoints.Checkpoint cp, UUID agency, long seq,
                                       UUID entry, String reason) {
        return new Verification(false, checked, chains, cp == null ? null : cp.createdAt().toString(), agency, seq,
                entry, reason);
    }

    static String hash(UUID id, UUID agency, long chainSeq, String actor, String action, String subject, Instant at,
                       String payloadJson, String prev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("agency", agency.toString());
        m.put("chainSeq", chainSeq);
        m.put("actor", actor);
        m.put("action", action);
        m.put("subject", subject);
        m.put("occurredAt", at.toString());
        m.put("payload", readTree(payloadJson));
        m.put("prev", prev);
        try {
            String canonical = new JsonCanonicalizer(PLAIN.writeValueAsString(m)).getEncodedString();
            return sha256(canonical);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot canonicalise journal entry", e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Object o) {
        checkNumbers(o);
        try {
            return PLAIN.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Journal payload is not JSON-like data: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * RFC 8785 compares numbers as IEEE doubles: integers beyond 2^53 and decimals beyond double
     * precision could then change without changing the hash. Such values must travel as strings.
     */
    static void checkNumbers(Object o) {
        if (o instanceof Map<?, ?> m) {
            m.values().forEach(JournalStore::checkNumbers);
        } else if (o instanceof Iterable<?> it) {
            it.forEach(JournalStore::checkNumbers);
        } else if (o instanceof Object[] a) {
            for (Object x : a) {
                checkNumbers(x);
            }
        } else if (o instanceof Long l && Math.abs(l) > (1L << 53)
                || o instanceof java.math.BigInteger b && b.abs().bitLength() > 53
                || o instanceof java.math.BigDecimal d && d.precision() > 15) {
            throw new IllegalArgumentException("Journal payload number " + o
                    + " is beyond double precision: record it as a string");
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> readMap(String json) {
        try {
            return PLAIN.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
