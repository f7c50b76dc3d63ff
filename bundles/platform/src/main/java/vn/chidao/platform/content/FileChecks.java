package vn.chidao.platform.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

import vn.chidao.platform.api.Texts;
import vn.chidao.platform.api.content.ContentRejectedException;
import vn.chidao.platform.api.content.ContentStore;

/** What a file must be before it is kept: a plain name, a supported type, bytes that prove that type. */
final class FileChecks {

    static final int MAX_NAME_LENGTH = 255;

    /** Supported types with the name shown in refusals. */
    static final Map<String, String> LABELS = Map.of(
            ContentStore.PDF, "PDF",
            ContentStore.DOCX, "Word (DOCX)",
            ContentStore.XLSX, "Excel (XLSX)",
            ContentStore.PNG, "PNG",
            ContentStore.JPEG, "JPEG",
            ContentStore.TIFF, "TIFF");

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] TIFF_LE = {'I', 'I', '*', 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, '*'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private FileChecks() {
    }

    /**
     * A plain file name: it is shown to people and written into downloads and exchange packages, so
     * nothing in it may act as a path or hide characters.
     */
    static void checkName(String fileName) {
        String name = Texts.nfc(fileName);
        if (name == null || name.isBlank()) {
            throw badName("Tên tệp không được để trống.", "The file name must not be blank.");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw badName("Tên tệp dài quá " + MAX_NAME_LENGTH + " ký tự.",
                    "The file name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.contains("..")) {
            throw badName("Tên tệp không được chứa đường dẫn (/, \\ hoặc ..).",
                    "The file name must not contain a path (/, \\ or ..).");
        }
        if (name.codePoints().anyMatch(FileChecks::isBidiControl)) {
            // refused rather than stripped: the store only checks the name, the module keeps it as sent,
            // so a silently different name would be kept; the sender can rename the file
            throw badName("Tên tệp chứa ký tự điều khiển hướng chữ (như U+202E) có thể làm tên hiển thị sai"
                            + " (ví dụ \"xexe.pdf\" thực chất là tệp .exe); hãy đổi tên tệp.",
                    "The file name contains bidirectional control characters (such as U+202E) that can make it"
                            + " display falsely (\"xexe.pdf\" really ending in .exe); rename the file.");
        }
        boolean hidden = name.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            // control characters, line breaks, other invisible format characters (zero-width joiners, BOM), lone surrogates
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT,
                 Character.SURROGATE -> true;
            default -> false;
        });
        if (hidden) {
            throw badName("Tên tệp chứa ký tự điều khiển hoặc ký tự không hiển thị.",
                    "The file name contains control or invisible characters.");
        }
    }

    /**
     * Unicode bidirectional controls: embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069,
     * the marks U+200E/U+200F and the Arabic letter mark U+061C.
     */
    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /** A file that passed the type checks but would cost too much to parse (decompression bombs, huge images). */
    static ContentRejectedException tooComplex(String detailVi, String detailEn) {
        return new ContentRejectedException(422, "file-too-complex",
                "Tệp quá phức tạp để kiểm tra: " + detailVi, "The file is too complex to check: " + detailEn);
    }

    /** The declared media type without parameters, if supported. */
    static String supportedType(String declaredType) {
        String type = declaredType == null ? "" : declaredType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!LABELS.containsKey(type)) {
            throw new ContentRejectedException(415, "unsupported-file-type",
                    "Loại tệp này không được hỗ trợ. Chỉ nhận tệp PDF, Word (DOCX), Excel (XLSX), PNG, JPEG và TIFF.",
                    "This file type is not supported. Accepted: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG and TIFF.");
        }
        return type;
    }

    /** Whether the bytes in {@code file} are of {@code type} (a supported type). */
    static boolean bytesAre(Path file, String type) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        byte[] h = Arrays.copyOf(head, n);
        return switch (type) {
            case ContentStore.PDF -> startsWith(h, PDF_MAGIC);
            case ContentStore.PNG -> startsWith(h, PNG_MAGIC);
            case ContentStore.JPEG -> startsWith(h, JPEG_MAGIC);
            case ContentStore.TIFF -> startsWith(h, TIFF_LE) || startsWith(h, TIFF_BE);
            case ContentStore.DOCX -> startsWith(h, ZIP_MAGIC) && isOfficePackage(file, "word/");
            case ContentStore.XLSX -> startsWith(h, ZIP_MAGIC) && isOfficePackage(file, "xl/");
            default -> false;
        };
    }

    static ContentRejectedException mismatch(String type) {
        String label = LABELS.get(type);
        return new ContentRejectedException(415, "file-type-mismatch",
                "Nội dung tệp không phải là " + label + " như đã khai báo.",
                "The file's content is not " + label + " as declared.");
    }

    /**
     * An Office Open XML package: a ZIP with {@code [Content_Types].xml} and the parts of its kind. Only
     * the central directory is read, nothing is inflated (no zip bomb can hurt).
     */
    private static boolean isOfficePackage(Path file, String partsFolder) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("[Content_Types].xml") != null
                    && zip.stream().anyMatch(e -> e.getName().startsWith(partsFolder) && e.getName().length() > partsFolder.length());
        } catch (IOException | RuntimeException e) {
            return false; // not a readable ZIP (bad central directory, malformed entry names)
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static ContentRejectedException badName(String vi, String en) {
        return new ContentRejectedException(400, "bad-file-name", vi, en);
    }
}
