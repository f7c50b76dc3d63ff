package vn.chidao.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The console's import map (Lit's bare specifiers), the only inline script the pages have: the script
 * {@code /console/js/importmap.js} inserts it into the page, and the Content-Security-Policy allows
 * exactly this text by its SHA-256 hash, so that no other inline script can run.
 */
final class ImportMap {

    static final String MAP_RESOURCE = ConsoleResources.PREFIX + "/js/importmap.json";
    static final String SCRIPT_RESOURCE = ConsoleResources.PREFIX + "/js/importmap.js";
    static final String PLACEHOLDER = "\"__IMPORT_MAP__\"";

    private final String map;
    private final byte[] script;

    ImportMap(String map, String scriptTemplate) {
        if (!scriptTemplate.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("importmap.js has no " + PLACEHOLDER);
        }
        this.map = map;
        this.script = scriptTemplate.replace(PLACEHOLDER, jsString(map)).getBytes(StandardCharsets.UTF_8);
    }

    /** The map and the script template from the bundle (the map's versions were filled in by the build). */
    static ImportMap fromBundle() {
        return new ImportMap(resource(MAP_RESOURCE).strip(), resource(SCRIPT_RESOURCE));
    }

    /** The text the script puts into the page's {@code <script type="importmap">}. */
    String map() {
        return map;
    }

    /** The script served at /console/js/importmap.js. */
    byte[] script() {
        return script.clone();
    }

    /** CSP source allowing exactly the map: {@code 'sha256-<base64>'} of its UTF-8 text. */
    String hashSource() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(map.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A JavaScript string literal whose value is exactly {@code s}. */
    static String jsString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String resource(String name) {
        try (InputStream in = ImportMap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing in the console bundle: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
