package vn.chidao.platform.content;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Bounds what parsing a PDF will decompress. PDFBox 3 decodes a stream whole into memory when it reads
 * it (content streams, fonts, object streams), so a few kilobytes of Flate data decoding to gigabytes
 * would exhaust the heap. Before the document is read, every stream it may decode is decoded here once,
 * streaming into a counter (and through temporary files between chained filters): past
 * {@link #MAX_STREAM_BYTES} for one stream or the budget for all, the file is refused.
 *
 * <p>Image XObjects and image codecs (DCT, JPX, CCITT, JBIG2) are not decoded: reading the text layer
 * never decodes them. Streams that fail to decode are left to PDFBox, which tolerates damage.
 */
final class DecodeBudget {

    /** Largest decoded stream: about what PDFBox holds in memory at once for one stream. */
    static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;
    private static final Set<COSName> IMAGE_CODECS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION, COSName.JBIG2_DECODE);

    private final Path scratchDir;
    private long left;

    private DecodeBudget(long budget, Path scratchDir) {
        this.left = budget;
        this.scratchDir = scratchDir;
    }

    /** Refuses the document with {@code file-too-complex} when its streams decode to more than {@code budget} bytes. */
    static void check(COSDocument doc, long budget, Path scratchDir) throws IOException {
        DecodeBudget b = new DecodeBudget(budget, scratchDir);
        // objects in the file first: object streams are checked before anything is read out of them
        List<Map.Entry<COSObjectKey, Long>> entries = new ArrayList<>(doc.getXrefTable().entrySet());
        entries.sort(Comparator.comparing((Map.Entry<COSObjectKey, Long> e) -> e.getValue() == null || e.getValue() < 0));
        for (Map.Entry<COSObjectKey, Long> e : entries) {
            COSBase object = doc.getObjectFromPool(e.getKey()).getObject();
            if (object instanceof COSStream stream && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                b.decode(stream);
            }
        }
    }

    private void decode(COSStream stream) throws IOException {
        List<COSName> filters = filters(stream);
        InputStream in = stream.createRawInputStream();
        Path previous = null;
        Path next = null;
        try {
            for (int i = 0; i < filters.size() && !IMAGE_CODECS.contains(filters.get(i)); i++) {
                boolean last = i + 1 == filters.size() || IMAGE_CODECS.contains(filters.get(i + 1));
                next = last ? null : Files.createTempFile(scratchDir, "decode-", ".tmp");
                Counter out = new Counter(last ? OutputStream.nullOutputStream() : Files.newOutputStream(next),
                        Math.min(MAX_STREAM_BYTES, left));
                boolean decoded;
                try (out) {
                    FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(in, out, stream, i);
                    decoded = true;
                } catch (IOException | RuntimeException e) {
                    decoded = false;
                }
                in.close();
                deleteQuietly(previous);
                if (out.exceeded) {
                    throw FileChecks.tooComplex("nội dung nén của tệp PDF giải nén ra quá lớn (nghi là bom nén).",
                            "the PDF's compressed content expands too much (a likely compression bomb).");
                }
                if (!decoded) {
                    return; // damaged data or an unknown filter: PDFBox copes, or refuses the file on its own
                }
                if (last) {
                    left -= out.count;
                    return;
                }
                previous = next;
                next = null;
                in = Files.newInputStream(previous);
            }
        } finally {
            in.close();
            deleteQuietly(previous);
            deleteQuietly(next);
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase f = stream.getFilters();
        List<COSName> out = new ArrayList<>();
        if (f instanceof COSName n) {
            out.add(n);
        } else if (f instanceof COSArray a) {
            for (COSBase e : a) {
                if (e instanceof COSName n) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover in the private temporary directory; removed with stale files
            }
        }
    }

    /** Counts and passes on; stops everything once past the limit. */
    private static final class Counter extends FilterOutputStream {
        private final long limit;
        long count;
        boolean exceeded;

        Counter(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
            out.write(b, off, len);
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("decoded size limit passed");
            }
        }
    }
}
