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
import org.osgi.service.component.annotations.Deactivate;
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
import vn.chidao.platform.api.db.Db;

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

        @AttributeDefinition(description = "Storage quota of one agency: the sizes of the contents it holds (default 20 GiB)")
        long agencyQuotaBytes() default Limits.DEFAULT_AGENCY_QUOTA;

        @AttributeDefinition(description = "Uploaded files parsed at the same time (PDFs, images); more wait briefly, then get 503")
        int maxConcurrentInspections() default Limits.DEFAULT_INSPECTIONS;

        @AttributeDefinition(description = "Seconds one file may be parsed before it is refused as too complex")
        int inspectionSeconds() default Limits.DEFAULT_INSPECTION_SECONDS;

        @AttributeDefinition(description = "Bytes the streams of one PDF may decompress to (default 256 MiB)")
        long maxDecodedBytes() default Limits.DEFAULT_DECODED;

        @AttributeDefinition(description = "Pixels one image may have (width × height, default 200 million)")
        long maxImagePixels() default Limits.DEFAULT_IMAGE_PIXELS;
    }

    /** What one file and one agency may cost. */
    public record Limits(long maxBytes, long agencyQuotaBytes, int inspections, Duration inspectionTime,
                         long maxDecodedBytes, long maxImagePixels) {
        public static final long DEFAULT_AGENCY_QUOTA = 20L * 1024 * 1024 * 1024;
        public static final int DEFAULT_INSPECTIONS = 2;
        public static final int DEFAULT_INSPECTION_SECONDS = 60;
        public static final long DEFAULT_DECODED = 256L * 1024 * 1024;
        public static final long DEFAULT_IMAGE_PIXELS = 200_000_000L;

        public Limits {
            if (maxBytes < 1 || agencyQuotaBytes < 1 || inspections < 1 || inspectionTime.isNegative()
                    || inspectionTime.isZero() || maxDecodedBytes < 1 || maxImagePixels < 1) {
                throw new IllegalArgumentException("content store limits must be positive: " + this);
            }
        }

        public static Limits defaults(long maxBytes) {
            return new Limits(maxBytes, DEFAULT_AGENCY_QUOTA, DEFAULT_INSPECTIONS, Duration.ofSeconds(DEFAULT_INSPECTION_SECONDS),
                    DEFAULT_DECODED, DEFAULT_IMAGE_PIXELS);
        }

        static Limits of(Config c) {
            return new Limits(c.maxBytes(), c.agencyQuotaBytes(), c.maxConcurrentInspections(),
                    Duration.ofSeconds(c.inspectionSeconds()), c.maxDecodedBytes(), c.maxImagePixels());
        }

        public Limits withAgencyQuota(long bytes) {
            return new Limits(maxBytes, bytes, inspections, inspectionTime, maxDecodedBytes, maxImagePixels);
        }

        public Limits withInspections(int parallel, Duration time, long decodedBytes) {
            return new Limits(maxBytes, agencyQuotaBytes, parallel, time, decodedBytes, maxImagePixels);
        }
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
    private volatile Limits limits;
    private volatile Inspections inspections;

    @Activate
    public DatabaseContentStore(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                                @Reference ChidaoClock clock,
                                @Reference(target = "(chidao.schema=platform)") SchemaReady schema, Config config) {
        this(dataSource, clock, Paths.get(System.getProperty("karaf.data", "data"), "tmp", "content"), Limits.of(config), 0);
        removeStaleTempFiles();
    }

    /** A store with these limits, outside OSGi (tests, benchmarks). */
    public static DatabaseContentStore withLimits(DataSource dataSource, ChidaoClock clock, Path tempDir, Limits limits) {
        return new DatabaseContentStore(dataSource, clock, tempDir, limits, 0);
    }

    /** A store with default limits but the file size, outside OSGi. */
    public static DatabaseContentStore withMaxBytes(DataSource dataSource, ChidaoClock clock, Path tempDir, long maxBytes) {
        return withLimits(dataSource, clock, tempDir, Limits.defaults(checkedLimit(maxBytes)));
    }

    // not four arguments: DS (Felix SCR) must find only the @Activate constructor among the four-argument ones
    private DatabaseContentStore(DataSource dataSource, ChidaoClock clock, Path tempDir, Limits limits, int unused) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.tempDir = tempDir;
        this.limits = limits;
        this.inspections = new Inspections(limits.inspections(), limits.inspectionTime());
    }

    @Modified
    void modified(Config config) {
        checkedLimit(config.maxBytes());
        Limits next = Limits.of(config);
        Inspections old = inspections;
        if (next.inspections() != limits.inspections() || !next.inspectionTime().equals(limits.inspectionTime())) {
            inspections = new Inspections(next.inspections(), next.inspectionTime());
            old.close();
        }
        limits = next;
    }

    @Deactivate
    public void close() {
        inspections.close();
    }

    @Override
    public long maxBytes() {
        return limits.maxBytes();
    }

    @Override
    public StoredContent put(InputStream in, String fileName, String declaredType) throws ContentRejectedException {
        return put(in, fileName, declaredType, null, limits);
    }

    @Override
    public StoredContent put(InputStream in, String fileName, String declaredType, UUID agencyId)
            throws ContentRejectedException {
        Objects.requireNonNull(agencyId, "agencyId");
        return put(in, fileName, declaredType, agencyId, limits);
    }

    /** Receives, checks and keeps; on behalf of an agency (its quota, its holding) unless {@code agencyId} is null. */
    private StoredContent put(InputStream in, String fileName, String declaredType, UUID agencyId, Limits limits) {
        FileChecks.checkName(fileName);
        String type = FileChecks.supportedType(declaredType);
        Path file = null;
        try {
            Files.createDirectories(tempDir);
            file = Files.createTempFile(tempDir, "put-", ".tmp"); // owner-only on POSIX
            Received received = receive(in, file, limits.maxBytes());
            if (received.size() == 0) {
                throw new ContentRejectedException(400, "empty-file", "Tệp rỗng, không có nội dung.", "The file is empty.");
            }
            if (!FileChecks.bytesAre(file, type)) {
                throw FileChecks.mismatch(type);
            }
            // the same bytes were kept before: they passed these checks then, no need to parse them again
            Optional<StoredContent> known = find(received.sha256());
            PdfInspector.Facts facts = known.isPresent() ? null : inspect(file, type, limits);
            return store(file, received, type, facts, agencyId, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("Receiving a file failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Parses what must parse (PDFs, images) in a bounded slot; the facts of a PDF, nothing for other types. */
    private PdfInspector.Facts inspect(Path file, String type, Limits limits) {
        return switch (type) {
            case ContentStore.PDF -> inspections.run(() -> PdfInspector.inspect(file, tempDir, limits.maxDecodedBytes()));
            case ContentStore.PNG, ContentStore.JPEG, ContentStore.TIFF -> inspections.run(() -> {
                ImageCheck.check(file, type, limits.maxImagePixels());
                return new PdfInspector.Facts(0, "");
            });
            default -> new PdfInspector.Facts(0, "");
        };
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

    /**
     * Keeps the content (unless {@code facts} is null: it is kept already) and, for an agency, records it
     * as held after checking the quota, all in one transaction. An advisory lock per agency makes the
     * check and the insert one step: two uploads of one agency cannot both pass the last free bytes.
     */
    private StoredContent store(Path file, Received received, String type, PdfInspector.Facts facts, UUID agencyId,
                                Limits limits) throws IOException {
        Instant now = clock.now();
        boolean inserted = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (agencyId != null) {
                    AgencyQuota.lock(c, agencyId);
                    AgencyQuota.check(c, agencyId, received.sha256(), received.size(), limits.agencyQuotaBytes());
                }
                if (facts != null) {
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
                }
                if (agencyId != null) {
                    AgencyQuota.hold(c, agencyId, received.sha256(), now);
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                Db.rollbackAfter(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing content failed: " + e.getMessage(), e);
        }
        if (inserted) {
            return new StoredContent(received.sha256(), received.size(), type, facts.pages(), now);
        }
        // kept before, or another put of the same bytes committed first
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
