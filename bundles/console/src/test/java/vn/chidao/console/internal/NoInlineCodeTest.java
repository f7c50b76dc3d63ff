package vn.chidao.console.internal;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The console pages run under a Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval'
 * (SecurityHeaders): what it would block must not be written in the first place. Scans the HTML and
 * JavaScript of every module's console screens in this repository (bundles/&#42;/src/main/resources/ui).
 * The browser tests prove the same at run time (no CSP violation in Chromium's log).
 */
public class NoInlineCodeTest {

    private static final Path BUNDLES = Paths.get("..").toAbsolutePath().normalize();

    private static final Map<String, Pattern> FORBIDDEN = Map.of(
            "inline <script> (no src)", Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
            "inline event handler attribute", Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            "inline style attribute", Pattern.compile("<[a-z][^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE),
            "javascript: URL", Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE),
            "eval", Pattern.compile("\\beval\\s*\\("),
            "new Function", Pattern.compile("\\bnew\\s+Function\\s*\\("),
            "string timer", Pattern.compile("\\bset(?:Timeout|Interval)\\s*\\(\\s*['\"`]"),
            "<style> element", Pattern.compile("<style[\\s>]", Pattern.CASE_INSENSITIVE));

    @Test
    public void noInlineScriptHandlerStyleOrEvalInAnyConsoleScreen() throws IOException {
        List<Path> files = uiFiles();
        assertTrue("too few UI files found under " + BUNDLES + ": " + files, files.size() >= 10);
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (Map.Entry<String, Pattern> rule : FORBIDDEN.entrySet()) {
                Matcher m = rule.getValue().matcher(source);
                while (m.find()) {
                    found.add(BUNDLES.relativize(file) + ": " + rule.getKey() + ": " + m.group());
                }
            }
        }
        assertTrue(String.join("\n", found), found.isEmpty());
    }

    @Test
    public void theScanWouldSeeWhatItForbids() {
        String bad = "<script>alert(1)</script><button onclick=\"x()\"><a href=\"javascript:x()\"><p style=\"color:red\">";
        long hits = FORBIDDEN.values().stream().filter(p -> p.matcher(bad).find()).count();
        assertTrue("hits: " + hits, hits >= 4);
        assertTrue(FORBIDDEN.values().stream().noneMatch(p -> p.matcher("<script src=\"/console/js/importmap.js\"></script>"
                + " html`<button @click=${go}>` el.style.width = '1px';").find()));
    }

    private static List<Path> uiFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> bundles = Files.list(BUNDLES)) {
            for (Path ui : bundles.map(b -> b.resolve("src/main/resources/ui")).filter(Files::isDirectory)
                    .collect(Collectors.toList())) {
                try (Stream<Path> walk = Files.walk(ui)) {
                    walk.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js")).sorted()
                            .forEach(files::add);
                }
            }
        }
        return files;
    }
}
