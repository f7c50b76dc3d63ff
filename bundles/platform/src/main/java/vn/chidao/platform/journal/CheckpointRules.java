package vn.chidao.platform.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * When checkpoints that should exist are missing or too old. A node writes one every interval (even
 * when nothing was appended), so with D = interval + grace:
 * <ol>
 * <li>a checkpoint file that exists but has no valid signature of this installation is a failure;</li>
 * <li>with a second place configured, the node's file and the copy must both exist;</li>
 * <li>with no checkpoint anywhere, no journal entry may be older than D (a young journal has simply not
 * been checkpointed yet);</li>
 * <li>the newest checkpoint must be younger than D (an older one means checkpoints stopped, or an
 * older file was put back).</li>
 * </ol>
 * Each failure is named in Vietnamese and English; null means the checkpoints are as expected.
 */
public final class CheckpointRules {

    private final Duration deadline;

    public CheckpointRules(Duration interval, Duration grace) {
        this.deadline = interval.plus(grace);
    }

    public Duration deadline() {
        return deadline;
    }

    /** The first rule broken, or null. {@code entriesBefore} tells whether any journal entry is older than an instant. */
    public String problem(Checkpoints.Found found, Instant now, Predicate<Instant> entriesBefore) {
        Optional<Map.Entry<Path, String>> bad = found.invalid().entrySet().stream().findFirst();
        if (bad.isPresent()) {
            return "Bản kiểm chứng " + bad.get().getKey() + " không hợp lệ / Checkpoint " + bad.get().getKey()
                    + " is not valid: " + bad.get().getValue();
        }
        if (found.copy() != null && !found.nodePresent() && found.copyPresent()) {
            return "Thiếu bản kiểm chứng của nút " + found.node() + " (bản sao " + found.copy() + " vẫn còn)"
                    + " / The node's checkpoint " + found.node() + " is missing (its copy " + found.copy() + " is there)";
        }
        if (found.copy() != null && found.nodePresent() && !found.copyPresent()) {
            return "Thiếu bản sao kiểm chứng " + found.copy() + " / The checkpoint copy " + found.copy() + " is missing";
        }
        long seconds = deadline.toSeconds();
        if (found.newest() == null) {
            return entriesBefore.test(now.minus(deadline)) ? "Không có bản kiểm chứng nào (" + where(found)
                    + ") dù nhật ký có mục cũ hơn " + seconds + " giây / No checkpoint found (" + where(found)
                    + ") although journal entries older than " + seconds + " s exist: a checkpoint is missing" : null;
        }
        if (found.newest().createdAt().isBefore(now.minus(deadline))) {
            return "Bản kiểm chứng mới nhất (" + found.newest().createdAt() + ", " + found.newestAt() + ") đã cũ hơn "
                    + seconds + " giây / The newest checkpoint (" + found.newest().createdAt() + ", " + found.newestAt()
                    + ") is older than " + seconds + " s (interval + grace): checkpoints stopped or an older file was put back";
        }
        return null;
    }

    private static String where(Checkpoints.Found found) {
        return found.copy() == null ? found.node().toString() : found.node() + ", " + found.copy();
    }
}
