package vn.chidao.console.internal;

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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The console's rules for the module screens kept in this repository (every sibling bundle with
 * {@code src/main/resources/ui/i18n/vi.json}): their vi.json and en.json carry the same non-empty
 * keys, Vietnamese in NFC; every key their HTML and JavaScript refer to exists in the module's files
 * or in the console's (t() falls back to the console messages); no visible text in code or markup.
 */
public class ModuleMessagesTest {

    private static final Path CONSOLE_UI = Paths.get("src", "main", "resources", "ui");
    private static final Path BUNDLES = Paths.get("..");

    @Test
    public void moduleScreensFollowTheConsoleRules() throws IOException {
        Map<String, String> consoleVi = MessagesTest.messages(CONSOLE_UI, "vi");
        Map<String, String> consoleEn = MessagesTest.messages(CONSOLE_UI, "en");
        for (Path ui : moduleUiFolders()) {
            String module = ui.getParent().getParent().getParent().getParent().getFileName().toString();
            Map<String, String> vi = MessagesTest.messages(ui, "vi");
            Map<String, String> en = MessagesTest.messages(ui, "en");
            TreeSet<String> onlyVi = new TreeSet<>(vi.keySet());
            onlyVi.removeAll(en.keySet());
            TreeSet<String> onlyEn = new TreeSet<>(en.keySet());
            onlyEn.removeAll(vi.keySet());
            assertTrue(module + ": keys only in vi.json: " + onlyVi, onlyVi.isEmpty());
            assertTrue(module + ": keys only in en.json: " + onlyEn, onlyEn.isEmpty());
            assertTrue(module + ": module.title names the module in the navigation", vi.containsKey("module.title"));
            for (Map.Entry<String, String> e : vi.entrySet()) {
                assertFalse(module + ": empty vi text for " + e.getKey(), e.getValue().isBlank());
                assertFalse(module + ": empty en text for " + e.getKey(), en.get(e.getKey()).isBlank());
                assertTrue(module + ": not NFC: " + e.getKey(), Normalizer.isNormalized(e.getValue(), Normalizer.Form.NFC));
            }
            for (Path file : files(ui)) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                String name = module + "/" + ui.relativize(file);
                for (int i = 0; i < source.length(); i++) {
                    if (source.charAt(i) > 0x7e) {
                        fail(name + " has non-ASCII text near: "
                                + source.substring(Math.max(0, i - 30), Math.min(source.length(), i + 30)));
                    }
                }
                Matcher m = (file.toString().endsWith(".html") ? MessagesTest.HTML_KEY : MessagesTest.JS_KEY).matcher(source);
                while (m.find()) {
                    String key = m.group(m.groupCount());
                    boolean inVi = vi.containsKey(key) || consoleVi.containsKey(key);
                    boolean inEn = en.containsKey(key) || consoleEn.containsKey(key);
                    if (!inVi || !inEn) {
                        fail(name + " refers to " + key + ", missing in " + (inVi ? "" : "vi.json ") + (inEn ? "" : "en.json"));
                    }
                }
            }
        }
    }

    private static List<Path> moduleUiFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(BUNDLES.resolve("console"))) {
            return folders; // not inside the repository's bundles folder
        }
        try (Stream<Path> bundles = Files.list(BUNDLES)) {
            for (Path bundle : bundles.sorted().collect(Collectors.toList())) {
                Path ui = bundle.resolve(Paths.get("src", "main", "resources", "ui"));
                if (!bundle.getFileName().toString().equals("console") && Files.isRegularFile(ui.resolve("i18n/vi.json"))) {
                    folders.add(ui);
                }
            }
        }
        return folders;
    }

    private static List<Path> files(Path ui) throws IOException {
        try (Stream<Path> walk = Files.walk(ui)) {
            return walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js"))
                    .sorted().collect(Collectors.toList());
        }
    }
}
