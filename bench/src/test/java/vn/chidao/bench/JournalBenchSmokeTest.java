package vn.chidao.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.Test;

/** Runs the journal bench at a tiny size so that it keeps compiling, starting and measuring. */
public class JournalBenchSmokeTest {

    @Test
    public void tinyRunMeasuresEveryCase() throws Exception {
        JournalBench.Settings s = new JournalBench.Settings(1.5, 0.5, 4, 50, 200_000,
                Paths.get("target", "bench-smoke").toAbsolutePath(), null);
        JournalBench.Result r = JournalBench.run(s);
        assertTrue("one-chain rate", r.oneChain().rate() > 0);
        assertTrue("many-chains rate", r.manyChains().rate() > 0);
        assertTrue("baseline rate", r.plain().rate() > 0);
        assertEquals(r.oneChain().firstError(), 0, r.oneChain().errors());
        assertEquals(r.manyChains().firstError(), 0, r.manyChains().errors());
        assertEquals(r.plain().firstError(), 0, r.plain().errors());
        assertTrue("journal verifies: " + r.verification(), r.verification().ok());
        assertTrue(Files.isRegularFile(r.markdownFile()));
        assertTrue(Files.readString(r.markdownFile()).contains("| (a) journal, 1 agency chain |"));
    }
}
