package vn.chidao.platform.api;

import java.text.Normalizer;

/**
 * Text entering the system is stored in Unicode NFC, so that "ế" typed on a Mac (decomposed)
 * and on Windows (composed) compare, sort and search alike.
 */
public final class Texts {

    private Texts() {
    }

    public static String nfc(String s) {
        if (s == null || Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
            return s;
        }
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Folds Vietnamese diacritics for display-side matching; SQL search uses unaccent instead. */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return d.replace('đ', 'd').replace('Đ', 'D').toLowerCase(java.util.Locale.ROOT);
    }
}
