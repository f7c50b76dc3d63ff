package vn.chidao.platform.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.content.ContentRejectedException;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.content.StoredContent;

/**
 * The content store in PostgreSQL ({@code platform.content} + {@code platform.content_chunk}). A put
 * streams into a private temporary file while hashing and counting, checks that file, then copies it
 * into chunk rows in one transaction; concurrent puts of the same bytes meet on the primary key, and
 * only the one whose row went in writes chunks. Usable without OSGi (tests, benchmarks).
 */
@Component(service = ContentStore.class, configurationPid = "vn.chidao.content")
@Designate(ocd = DatabaseContentStore.Config.class)
public class DatabaseContentStore implements ContentStore {

    @ObjectClassDefinition(name = "Chidao content store")
    public @interface Config {
        @AttributeDefinition(description = "Largest file accepted, in bytes (default 50 MiB)")
        long maxBytes() default DEFAULT_MAX_BYTES;
    }

    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    /** Bytes per chunk row: what a writer or reader holds in memory at a time; 50 rows for a 50 MiB file. */
    static final int CHUNK_BYTES = 1024 * 1024;
    /** Temporary files older than this are leftovers of a crashed node; no upload takes that long. */
    private static final Duration STALE = Duration.ofHours(6);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseContentStore.class);

    private final DataSource dataSource;
    private final ChidaoClock clock;
    private final Path tempDir;
    private volatile long maxBytes;

    @Activate
    public DatabaseContentStore(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                                @Reference ChidaoClock clock,
                                @Reference(target = "(chidao.schema=platform)") SchemaReady schema, Config config) {
        this(dataSource, clock, Paths.get(System.getProperty("karaf.data", "data"), "tmp", "content"), config.maxBytes());
        removeStaleTempFiles();
    }

    /** For tests. Not public: SCR would otherwise find two 4-argument constructors and may try this one (ERROR logged). */
    DatabaseContentStore(DataSource dataSource, ChidaoClock clock, Path tempDir, long maxBytes) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.tempDir = tempDir;
        this.maxBytes = checkedLimit(maxBytes);
    }

    @Modified
    void modified(Config config) {
        maxBytes = checkedLimit(config.maxBytes());
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public StoredContent put(InputStream in, String fileName, String declaredType) throws ContentRejectedException {
        FileChecks.checkName(fileName);
        String type = FileChecks.supportedType(declaredType);
        Path file = null;
        try {
            Files.createDirectories(tempDir);
            file = Files.createTempFile(tempDir, "put-", ".tmp"); // owner-only on POSIX
            long limit = maxBytes;
            Received received = receive(in, file, limit);
            if (received.size() == 0) {
                throw new ContentRejectedException(400, "empty-file", "Tệp rỗng, không có nội dung.", "The file is empty.");
            }
            if (!FileChecks.bytesAre(file, type)) {
                throw FileChecks.mismatch(type);
            }
            // the same bytes were kept before: they passed these checks then, no need to parse them again
            Optional<StoredContent> known = find(received.sha256());
            if (known.isPresent()) {
                return known.get();
            }
            PdfInspector.Facts facts = ContentStore.PDF.equals(type)
                    ? PdfInspector.inspect(file, tempDir) : new PdfInspector.Facts(0, "");
            return store(file, received, type, facts);
        } catch (IOException e) {
            throw new UncheckedIOException("Receiving a file failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    @Override
    public StoredContent put(InputStream in, String fileName, String declaredType, UUID agencyId)
            throws ContentRejectedException {
        Objects.requireNonNull(agencyId, "agencyId");
        StoredContent stored = put(in, fileName, declaredType);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO platform.content_holder (sha256, agency_id, held_since)"
                     + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, stored.sha256());
            ps.setObject(2, agencyId);
            ps.setObject(3, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording the content's holder failed: " + e.getMessage(), e);
        }
        return stored;
    }

    @Override
    public boolean heldBy(String sha256, Collection<UUID> agencyIds) {
        String sha = normalise(sha256);
        if (sha == null || agencyIds == null || agencyIds.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM platform.content_holder WHERE sha256 = ? AND agency_id = ANY (?)")) {
            ps.setString(1, sha);
            ps.setArray(2, c.createArrayOf("uuid", agencyIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading content holders failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredContent> find(String sha256) {
        String sha = normalise(sha256);
        if (sha == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT size, media_type, pages, stored_at FROM platform.content WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredContent(sha, rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading content failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) {
        return find(sha256).map(c -> new ChunkReader(dataSource, c.sha256(), c.size()));
    }

    @Override
    public String text(String sha256) {
        String sha = normalise(sha256);
        if (sha == null) {
            return "";
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT text_layer FROM platform.content WHERE sha256 = ?")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading content failed: " + e.getMessage(), e);
        }
    }

    private record Received(String sha256, long size) {
    }

    /** Copies to {@code file} while hashing; reads at most {@code limit + 1} bytes, then refuses. */
    private static Received receive(InputStream in, Path file, long limit) throws IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[64 * 1024];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - size));
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > limit) {
                    throw tooLarge(limit);
                }
                digest.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return new Received(HexFormat.of().formatHex(digest.digest()), size);
    }

    private StoredContent store(Path file, Received received, String type, PdfInspector.Facts facts) throws IOException {
        Instant now = clock.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted;
                // a concurrent put of the same bytes waits here on the key until the first one commits
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform.content"
                        + " (sha256, size, media_type, pages, text_layer, stored_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (sha256) DO NOTHING")) {
                    ps.setString(1, received.sha256());
                    ps.setLong(2, received.size());
                    ps.setString(3, type);
                    ps.setInt(4, facts.pages());
                    ps.setString(5, facts.text());
                    ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    inserted = ps.executeUpdate() == 1;
                }
                if (inserted) {
                    insertChunks(c, file, received);
                }
                c.commit();
                if (inserted) {
                    return new StoredContent(received.sha256(), received.size(), type, facts.pages(), now);
                }
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing content failed: " + e.getMessage(), e);
        }
        // another put of the same bytes committed first
        return find(received.sha256()).orElseThrow(() -> new IllegalStateException("Content vanished: " + received.sha256()));
    }

    private static void insertChunks(Connection c, Path file, Received received) throws SQLException, IOException {
        MessageDigest digest = sha256();
        byte[] buf = new byte[CHUNK_BYTES];
        try (InputStream in = Files.newInputStream(file);
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO platform.content_chunk (sha256, seq, data) VALUES (?, ?, ?)")) {
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK_BYTES)) > 0) {
                digest.update(buf, 0, n);
                ps.setString(1, received.sha256());
                ps.setInt(2, seq++);
                ps.setBytes(3, n == CHUNK_BYTES ? buf : Arrays.copyOf(buf, n));
                ps.executeUpdate(); // sent now, so the buffer can be reused
            }
        }
        // the temporary file is private to this node, but a disk can still fail between the two reads
        if (!HexFormat.of().formatHex(digest.digest()).equals(received.sha256())) {
            throw new IOException("The temporary file changed while it was stored");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalise(String sha256) {
        if (sha256 == null) {
            return null;
        }
        String sha = sha256.trim().toLowerCase(Locale.ROOT);
        return sha.matches("[0-9a-f]{64}") ? sha : null;
    }

    private static ContentRejectedException tooLarge(long limit) {
        return new ContentRejectedException(413, "file-too-large",
                "Tệp vượt quá dung lượng cho phép (tối đa " + readable(limit) + ").",
                "The file exceeds the size limit (" + readable(limit) + " at most).");
    }

    static String readable(long bytes) {
        long mib = 1024L * 1024;
        if (bytes >= mib && bytes % mib == 0) {
            return bytes / mib + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " byte";
    }

    private static long checkedLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return maxBytes;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Temporary file {} not deleted: {}", file, e.getMessage());
            }
        }
    }

    /** Temporary files a crashed node left behind (kill -9 during an upload). */
    private void removeStaleTempFiles() {
        if (!Files.isDirectory(tempDir)) {
            return;
        }
        FileTime before = FileTime.from(Instant.now().minus(STALE));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).compareTo(before) < 0) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("Temporary files in {} not cleaned: {}", tempDir, e.getMessage());
        }
    }
}
