package vn.chidao.platform.content;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image (PNG, JPEG, TIFF) is kept only if it decodes, not because its first bytes look right. The
 * size its header claims is checked before any pixel is decoded (a few bytes can claim 10^10 pixels),
 * and big images are decoded subsampled, so checking one holds a few megabytes whatever its size.
 */
final class ImageCheck {

    /** Pixels decoded at most: larger images are read subsampled (every n-th row and column). */
    static final long DECODED_PIXELS = 4_000_000;

    private ImageCheck() {
    }

    /** Throws {@code file-too-complex} over {@code maxPixels}, {@code file-type-mismatch} if it does not decode. */
    static void check(Path file, String type, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReadersByMIMEType(type);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalStateException("No image decoder for " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw FileChecks.mismatch(type);
                }
                if (width * height > maxPixels) {
                    throw FileChecks.tooComplex("ảnh " + width + " × " + height + " điểm, vượt quá " + maxPixels + " điểm ảnh.",
                            "an image of " + width + " × " + height + " pixels, over " + maxPixels + " pixels.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) width * height / DECODED_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof vn.chidao.platform.api.content.ContentRejectedException r) {
                throw r;
            }
            if (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("No image decoder")) {
                throw (IllegalStateException) e;
            }
            // hostile or damaged bytes behind a right-looking header: not the declared type
            throw FileChecks.mismatch(type);
        }
    }
}
