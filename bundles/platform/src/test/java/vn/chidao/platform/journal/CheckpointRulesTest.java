package vn.chidao.platform.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.Test;

public class CheckpointRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final CheckpointRules rules = new CheckpointRules(Duration.ofSeconds(60), Duration.ofSeconds(300));

    private static Checkpoints twoPlaces() throws Exception {
        Path root = Files.createTempDirectory("checkpoints");
        return new Checkpoints(root.resolve("journal"), root.resolve("share").resolve("checkpoint-node.json"));
    }

    @Test
    public void eachCheckpointGoesToBothPlacesAndTheNewestValidOneCounts() throws Exception {
        Checkpoints cps = twoPlaces();
        cps.write("node", T0, Map.of(UUID.randomUUID(), new Checkpoints.Head(6, "a".repeat(64))));
        Checkpoints.Found found = cps.found();
        assertTrue(found.nodePresent() && found.copyPresent());
        assertEquals(T0, found.newest().createdAt());
        assertNull(rules.problem(found, T0.plusSeconds(359), at -> true));
    }

    @Test
    public void aDeletedNodeCopyIsNamedAndTheCopyStillCounts() throws Exception {
        Checkpoints cps = twoPlaces();
        cps.write("node", T0, Map.of());
        Files.delete(cps.latest());
        Checkpoints.Found found = cps.found();
        assertEquals("the copy is the evidence left", cps.copy(), found.newestAt());
        String problem = rules.problem(found, T0, at -> false);
        assertTrue(problem, problem.contains("The node's checkpoint " + cps.latest() + " is missing"));
        assertTrue(problem, problem.startsWith("Thiếu bản kiểm chứng của nút"));
    }

    @Test
    public void aDeletedCopyIsNamedToo() throws Exception {
        Checkpoints cps = twoPlaces();
        cps.write("node", T0, Map.of());
        Files.delete(cps.copy());
        assertTrue(rules.problem(cps.found(), T0, at -> false).contains("The checkpoint copy " + cps.copy() + " is missing"));
    }

    @Test
    public void noCheckpointIsFineForAYoungJournalOnly() throws Exception {
        Checkpoints cps = new Checkpoints(Files.createTempDirectory("journal"));
        Instant[] asked = new Instant[1];
        assertNull(rules.problem(cps.found(), T0, at -> {
            asked[0] = at;
            return false;
        }));
        assertEquals("entries older than interval + grace are asked for", T0.minusSeconds(360), asked[0]);
        String problem = rules.problem(cps.found(), T0, at -> true);
        assertTrue(problem, problem.contains("No checkpoint found") && problem.contains("older than 360 s"));
    }

    @Test
    public void aStaleNewestCheckpointFails() throws Exception {
        Checkpoints cps = new Checkpoints(Files.createTempDirectory("journal"));
        cps.write("node", T0, Map.of());
        assertNull(rules.problem(cps.found(), T0.plusSeconds(360), at -> true));
        String problem = rules.problem(cps.found(), T0.plusSeconds(361), at -> false);
        assertTrue(problem, problem.contains("The newest checkpoint (" + T0) && problem.contains("is older than 360 s"));
    }

    @Test
    public void aForgedFileIsReportedNotThrown() throws Exception {
        Checkpoints cps = twoPlaces();
        cps.write("node", T0, Map.of());
        Files.writeString(cps.copy(), Files.readString(cps.copy()).replace("\"node\"", "\"nodeX\""));
        Checkpoints.Found found = cps.found();
        assertFalse(found.invalid().isEmpty());
        assertEquals(cps.latest(), found.newestAt());
        assertTrue(rules.problem(found, T0, at -> false).contains("Checkpoint " + cps.copy() + " is not valid"));
    }
}
