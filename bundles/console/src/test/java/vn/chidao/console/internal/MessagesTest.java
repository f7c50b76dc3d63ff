package vn.chidao.console.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * No text may go missing: vi.json and en.json carry the same keys, and every key the HTML and
 * JavaScript of the console refer to exists in both. Plain file scan, no browser.
 */
public class MessagesTest {

    private static final Path UI = Paths.get("src", "main", "resources", "ui");

    /** data-i18n="key" and data-i18n-<attr>="key" in HTML. */
    static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    /** t('key'...) and {key: 'key'} (messages translated at render time) in JavaScript. */
    static final Pattern JS_KEY = Pattern.compile("(?:\\bt\\(\\s*|\\bkey:\\s*)(['\"])([A-Za-z0-9_.-]+)\\1");

    @Test
    public void bothLanguagesHaveTheSameKeys() throws IOException {
        Map<String, String> vi = messages("vi");
        Map<String, String> en = messages("en");
        TreeSet<String> onlyVi = new TreeSet<>(vi.keySet());
        onlyVi.removeAll(en.keySet());
        TreeSet<String> onlyEn = new TreeSet<>(en.keySet());
        onlyEn.removeAll(vi.keySet());
        assertTrue("keys only in vi.json: " + onlyVi, onlyVi.isEmpty());
        assertTrue("keys only in en.json: " + onlyEn, onlyEn.isEmpty());
        for (Map.Entry<String, String> e : vi.entrySet()) {
            assertFalse("empty vi text for " + e.getKey(), e.getValue().isBlank());
            assertFalse("empty en text for " + e.getKey(), en.get(e.getKey()).isBlank());
        }
    }

    @Test
    public void everyReferencedKeyExistsInBothLanguages() throws IOException {
        Map<String, String> vi = messages("vi");
        Map<String, String> en = messages("en");
        List<String> referenced = new ArrayList<>();
        for (Path file : uiFiles()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = (file.toString().endsWith(".html") ? HTML_KEY : JS_KEY).matcher(source);
            while (m.find()) {
                String key = m.group(m.groupCount());
                referenced.add(key);
                if (!vi.containsKey(key) || !en.containsKey(key)) {
                    fail(UI.relativize(file) + " refers to " + key + ", missing in "
                            + (vi.containsKey(key) ? "" : "vi.json ") + (en.containsKey(key) ? "" : "en.json"));
                }
            }
        }
        assertTrue("the scan found too few keys, is the pattern still right? " + referenced, referenced.size() > 50);
    }

    @Test
    public void noTextInCodeOrMarkup() throws IOException {
        // visible text belongs in the message files: nothing beyond ASCII in the HTML and JavaScript
        for (Path file : uiFiles()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (int i = 0; i < source.length(); i++) {
                if (source.charAt(i) > 0x7e) {
                    fail(UI.relativize(file) + " has non-ASCII text near: "
                            + source.substring(Math.max(0, i - 30), Math.min(source.length(), i + 30)));
                }
            }
        }
    }

    @Test
    public void vietnameseIsWrittenWithDiacriticsInNfc() throws IOException {
        Map<String, String> vi = messages("vi");
        assertEquals("Hệ thống thông tin chỉ đạo điều hành", vi.get("app.name"));
        assertEquals("Đăng nhập", vi.get("login.title"));
        assertEquals("Tên đăng nhập", vi.get("login.username"));
        assertEquals("Mật khẩu", vi.get("login.password"));
        assertEquals("Mật khẩu hiện tại", vi.get("password.current"));
        assertEquals("Mật khẩu mới", vi.get("password.new"));
        assertEquals("Nhập lại mật khẩu mới", vi.get("password.repeat"));
        assertEquals("Đăng xuất", vi.get("header.logout"));
        assertEquals("Tình trạng hệ thống", vi.get("nav.health"));
        assertEquals("Không có thông báo nào.", vi.get("announcements.none"));
        for (Map.Entry<String, String> e : vi.entrySet()) {
            assertTrue("not NFC: " + e.getKey(), Normalizer.isNormalized(e.getValue(), Normalizer.Form.NFC));
        }
    }

    private static List<Path> uiFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> html = Files.list(UI)) {
            files.addAll(html.filter(p -> p.toString().endsWith(".html")).sorted().collect(Collectors.toList()));
        }
        try (Stream<Path> js = Files.list(UI.resolve("js"))) {
            files.addAll(js.filter(p -> p.toString().endsWith(".js")).sorted().collect(Collectors.toList()));
        }
        assertTrue("no UI files found under " + UI.toAbsolutePath(), files.size() >= 2);
        return files;
    }

    private static Map<String, String> messages(String lang) throws IOException {
        return messages(UI, lang);
    }

    static Map<String, String> messages(Path ui, String lang) throws IOException {
        Path file = ui.resolve("i18n").resolve(lang + ".json");
        return new FlatJson(Files.readString(file, StandardCharsets.UTF_8), file.toString()).parse();
    }

    /** Parser for the message files' shape: one object of string keys to string values; duplicates fail. */
    static final class FlatJson {
        private final String s;
        private final String name;
        private int i;

        FlatJson(String s, String name) {
            this.s = s;
            this.name = name;
        }

        Map<String, String> parse() {
            Map<String, String> result = new LinkedHashMap<>();
            expect('{');
            if (peek() == '}') {
                i++;
                return result;
            }
            while (true) {
                String key = string();
                expect(':');
                String value = string();
                if (result.put(key, value) != null) {
                    fail(name + ": duplicate key " + key);
                }
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    fail(name + ": expected , or } at " + i);
                }
            }
            skipSpace();
            assertEquals(name + ": text after the object", s.length(), i);
            return result;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            char got = next();
            if (got != c) {
                fail(name + ": expected " + c + " at " + i + " but found " + got);
            }
        }

        private char next() {
            skipSpace();
            if (i >= s.length()) {
                fail(name + ": unexpected end");
            }
            return s.charAt(i++);
        }

        private char peek() {
            skipSpace();
            return s.charAt(i);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
