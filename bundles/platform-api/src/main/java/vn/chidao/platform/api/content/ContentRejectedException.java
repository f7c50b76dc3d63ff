package vn.chidao.platform.api.content;

import vn.chidao.platform.api.rest.ProblemException;

/**
 * A file refused on the way in; nothing of it was kept. Kinds: {@code file-too-large} (413),
 * {@code unsupported-file-type} and {@code file-type-mismatch} (415), {@code broken-pdf},
 * {@code empty-file} and {@code bad-file-name} (400), {@code file-too-complex} (422: a PDF whose streams
 * decompress past the budget, an image with too many pixels, a parse past its deadline),
 * {@code server-busy} (503: every parsing slot taken; send again later) and
 * {@code storage-quota-exceeded} (507: the agency's quota would be passed).
 */
public class ContentRejectedException extends ProblemException {
    private static final long serialVersionUID = 1L;

    public ContentRejectedException(int status, String kind, String detailVi, String detailEn) {
        super(status, kind, "Tệp không được chấp nhận", detailVi, "File refused", detailEn);
    }
}
