package vn.chidao.platform.api.content;

import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Files kept once by their SHA-256, in PostgreSQL (so every node sees them and backups hold them
 * with the records that point at them). Never loaded whole into memory: streamed in through a
 * temporary file, checked, then copied in chunks; streamed out likewise.
 */
public interface ContentStore {

    /** Media types accepted, as declared by clients. */
    String PDF = "application/pdf";
    String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    String PNG = "image/png";
    String JPEG = "image/jpeg";
    String TIFF = "image/tiff";

    /**
     * Reads the stream to its end (or to the size limit), checks that the bytes are what
     * {@code declaredType} says (magic bytes; a PDF must parse within a decompression budget and a
     * deadline; an image must decode, its pixel count bounded before decoding; an Office file must be
     * that kind of package) and that {@code fileName} is a plain name, then keeps the content unless the
     * same bytes are there already. Refusals keep nothing, not even a partial file.
     *
     * <p>{@code fileName} is only checked (not blank, at most 255 characters, no {@code /}, {@code \},
     * {@code ..}, control or invisible characters; bidirectional controls U+202A–U+202E, U+2066–U+2069,
     * U+200E, U+200F and U+061C are refused, not stripped): it belongs to the record that points at the content.
     * {@code declaredType} may carry parameters ({@code application/pdf; x=y}); case does not matter.
     * Putting bytes already kept returns the first keeping, whatever the name. The stream is not closed.
     *
     * @throws ContentRejectedException {@code bad-file-name}, {@code unsupported-file-type} (before reading),
     *         {@code file-too-large} (as soon as the limit is passed: at most {@link #maxBytes()} + 1 bytes
     *         are read), {@code empty-file}, {@code file-type-mismatch}, {@code broken-pdf},
     *         {@code file-too-complex}, {@code server-busy}
     * @throws java.io.UncheckedIOException when reading {@code in} fails (the client went away)
     */
    StoredContent put(InputStream in, String fileName, String declaredType) throws ContentRejectedException;

    /**
     * {@link #put(InputStream, String, String)} on behalf of an agency: the content is recorded as held
     * by that agency (so that only it may cite it, see {@link #heldBy}) and counts against the agency's
     * storage quota once, however often it is put.
     *
     * @throws ContentRejectedException also {@code storage-quota-exceeded} (507) when the agency's quota
     *         would be passed; nothing is kept then
     */
    default StoredContent put(InputStream in, String fileName, String declaredType, UUID agencyId)
            throws ContentRejectedException {
        return put(in, fileName, declaredType);
    }

    /**
     * Whether one of these agencies put this content (by {@link #put(InputStream, String, String, UUID)}).
     * Content is cited by permission, never by knowing its hash: a module lets a caller cite a SHA-256 only
     * when this answers true for the caller's agencies (or the module already shows the content to them).
     */
    default boolean heldBy(String sha256, Collection<UUID> agencyIds) {
        return false;
    }

    /** The content with this SHA-256 (hex, either case); empty if unknown or not a SHA-256. */
    Optional<StoredContent> find(String sha256);

    /**
     * The bytes, streamed; empty if unknown. The caller closes the stream. Reading holds no database
     * connection between reads; damaged content (a chunk missing or altered) fails a read with an
     * {@link java.io.IOException} instead of ending quietly.
     */
    Optional<InputStream> open(String sha256);

    /**
     * The text layer of a PDF for search, NFC, capped at about a million characters (empty for scans
     * without text, other types and unknown content).
     */
    String text(String sha256);

    /** The configured size limit in bytes. */
    long maxBytes();
}
