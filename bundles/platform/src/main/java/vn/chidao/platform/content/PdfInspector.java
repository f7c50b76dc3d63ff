package vn.chidao.platform.content;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.Texts;
import vn.chidao.platform.api.content.ContentRejectedException;

/** Parses a PDF with PDFBox: it must open and have pages; its text layer is kept for search. */
final class PdfInspector {

    /** Characters of text layer kept; enough to find a document, bounded so no PDF can blow up a row. */
    static final int MAX_TEXT_CHARS = 1 << 20;

    record Facts(int pages, String text) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PdfInspector.class);

    private PdfInspector() {
    }

    /**
     * @param scratchDir where PDFBox may spill buffers: the document is read from the file and its
     *                   buffers go to disk (at most {@code maxDecodedBytes}), so a big PDF is never held in memory
     * @param maxDecodedBytes what all its streams may decode to ({@link DecodeBudget}); more is {@code file-too-complex}
     */
    static Facts inspect(Path pdf, Path scratchDir, long maxDecodedBytes) {
        MemoryUsageSetting scratch = MemoryUsageSetting.setupTempFileOnly(maxDecodedBytes).setTempDir(scratchDir.toFile());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile(), scratch.streamCache)) {
            DecodeBudget.check(doc.getDocument(), maxDecodedBytes, scratchDir);
            int pages = doc.getNumberOfPages();
            if (pages < 1) {
                throw broken("Tệp PDF không có trang nào.", "The PDF has no pages.");
            }
            return new Facts(pages, text(doc));
        } catch (InvalidPasswordException e) {
            throw broken("Tệp PDF được đặt mật khẩu nên không đọc được; hãy gửi bản không đặt mật khẩu.",
                    "The PDF is password-protected and cannot be read; send it without a password.");
        } catch (ContentRejectedException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // what DecodeBudget cannot see (an oversized cross-reference stream): the allocation failed, not the node
            throw FileChecks.tooComplex("tệp PDF cần quá nhiều bộ nhớ để đọc.", "the PDF needs too much memory to read.");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // hostile or damaged input: any parser failure (deep nesting included) means "not a usable PDF"
            LOG.debug("PDF refused: {}", e.toString());
            throw broken("Tệp PDF bị hỏng hoặc không đúng định dạng.", "The PDF is damaged or malformed.");
        }
    }

    /** The text layer, capped; a failure here keeps the file (it opened) with whatever text came out. */
    private static String text(PDDocument doc) {
        CappedWriter out = new CappedWriter(MAX_TEXT_CHARS);
        try {
            new PDFTextStripper().writeText(doc, out);
        } catch (CappedWriter.Full e) {
            // enough text for search
        } catch (IOException | RuntimeException | StackOverflowError e) {
            LOG.info("Text layer of a PDF not extracted completely: {}", e.toString());
        }
        return clean(out.text());
    }

    /** NFC; no NUL (PostgreSQL text refuses it) or other C0 controls but tab and line breaks; no cut pair. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                b.append(c);
            }
        }
        if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
            b.setLength(b.length() - 1);
        }
        return Texts.nfc(b.toString().strip());
    }

    private static ContentRejectedException broken(String vi, String en) {
        return new ContentRejectedException(400, "broken-pdf", vi, en);
    }

    /** Collects text up to a limit, then stops the extraction by throwing. */
    private static final class CappedWriter extends Writer {
        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;

            Full() {
                super("text limit reached");
            }
        }

        private final StringBuilder text = new StringBuilder();
        private final int limit;

        CappedWriter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int room = limit - text.length();
            text.append(cbuf, off, Math.min(room, len));
            if (len > room) {
                throw new Full();
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            int room = limit - text.length();
            text.append(str, off, off + Math.min(room, len));
            if (len > room) {
                throw new Full();
            }
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
