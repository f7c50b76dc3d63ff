package vn.chidao.embeddeddb;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Why PostgreSQL stopped or does not start, from what it wrote to its log: a stable code for health and
 * the log line itself as the detail. Only lines that end a server (PANIC, FATAL, LOG of a shutdown) or
 * name a resource the server ran out of count; ordinary statement errors do not.
 */
final class Reasons {

    private record Rule(String code, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("disk-full", Pattern.compile("No space left on device|Disk quota exceeded", Pattern.CASE_INSENSITIVE)),
            new Rule("out-of-memory", Pattern.compile("out of memory|Cannot allocate memory|was terminated by signal 9",
                    Pattern.CASE_INSENSITIVE)),
            new Rule("port-in-use", Pattern.compile("could not bind|Address already in use|could not create any TCP/IP sockets", Pattern.CASE_INSENSITIVE)),
            new Rule("old-processes-running", Pattern.compile("pre-existing shared memory block|lock file .* already exists",
                    Pattern.CASE_INSENSITIVE)),
            new Rule("permission-denied", Pattern.compile("Permission denied", Pattern.CASE_INSENSITIVE)),
            new Rule("data-damaged", Pattern.compile("invalid checkpoint record|could not locate a valid checkpoint|"
                    + "invalid primary checkpoint|corrupted", Pattern.CASE_INSENSITIVE)));

    /** What the server's other processes say once the postmaster is gone: a consequence, not a reason. */
    private static final Pattern AFTERMATH = Pattern.compile("unexpected postmaster exit|crash of another server process"
            + "|the database system is (shutting down|starting up|in recovery mode)", Pattern.CASE_INSENSITIVE);

    private static final Pattern ENDING = Pattern.compile("\\b(PANIC|FATAL)\\b|No space left|out of memory",
            Pattern.CASE_INSENSITIVE);

    private Reasons() {
    }

    /** {code, line} of the newest line that explains a stop, or null when the log says nothing about one. */
    static String[] fromLog(String text) {
        String[] lines = text.split("\\R");
        String fallback = null;
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].trim();
            if (line.isEmpty() || !ENDING.matcher(line).find() || AFTERMATH.matcher(line).find()) {
                continue;
            }
            for (Rule r : RULES) {
                if (r.pattern().matcher(line).find()) {
                    return new String[] {r.code(), line};
                }
            }
            if (fallback == null) {
                fallback = line;
            }
        }
        return fallback == null ? null : new String[] {"server-error", fallback};
    }
}
