package vn.chidao.platform.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Streams stored content out one chunk at a time, each with its own short query: a slow download holds
 * one chunk of memory and no pooled connection between reads. The bytes are hashed on the way, so a
 * chunk changed behind the store's back fails the last read instead of passing as the original.
 */
final class ChunkReader extends InputStream {

    private static final byte[] NONE = new byte[0];

    private final DataSource dataSource;
    private final String sha256;
    private final long size;
    private final MessageDigest digest = DatabaseContentStore.sha256();
    private byte[] chunk = NONE;
    private int pos;
    private int nextSeq;
    private long delivered;
    private boolean verified;
    private IOException damage;
    private boolean closed;

    ChunkReader(DataSource dataSource, String sha256, long size) {
        this.dataSource = dataSource;
        this.sha256 = sha256;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        if (!ensure()) {
            return -1;
        }
        delivered++;
        return chunk[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensure()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        delivered += n;
        return n;
    }

    @Override
    public int available() {
        return closed ? 0 : chunk.length - pos;
    }

    @Override
    public void close() {
        closed = true;
        chunk = NONE;
        pos = 0;
    }

    /** True when bytes are buffered; loads the next chunk, or verifies the whole at the end. */
    private boolean ensure() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (damage != null) {
            throw damage; // again: a damaged stream never ends quietly
        }
        if (pos < chunk.length) {
            return true;
        }
        if (delivered >= size) {
            verify();
            return false;
        }
        byte[] next = load(nextSeq);
        if (next == null || next.length == 0 || delivered + next.length > size) {
            throw damage = new IOException("Content " + sha256 + " is damaged: chunk " + nextSeq
                    + (next == null ? " is missing" : " does not fit its size"));
        }
        nextSeq++;
        digest.update(next);
        chunk = next;
        pos = 0;
        return true;
    }

    private void verify() throws IOException {
        if (!verified) {
            verified = true;
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                damage = new IOException("Content " + sha256 + " is damaged: its bytes hash to " + actual);
                throw damage;
            }
        }
    }

    private byte[] load(int seq) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT data FROM platform.content_chunk WHERE sha256 = ? AND seq = ?")) {
            ps.setString(1, sha256);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("Reading content " + sha256 + " failed: " + e.getMessage(), e);
        }
    }
}
