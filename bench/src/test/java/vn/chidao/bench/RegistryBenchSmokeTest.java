package vn.chidao.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.Test;

/**
 * Runs the registry bench's JDBC halves at a tiny size without a node (embedded PostgreSQL with the platform,
 * account and registry migrations), so that the corpus generator, the raw registrations and the copy of the
 * search SQL keep working. No timing assertions.
 */
public class RegistryBenchSmokeTest {

    @Test
    public void tinyRunIsGaplessAndFindsWithoutDiacritics() throws Exception {
        RegistryBench.Settings s = new RegistryBench.Settings("embedded", 1.0, 0.3, 4, 5, 400, 2, 2,
                Paths.get("target", "registry-bench-smoke").toAbsolutePath(), false, URI.create("http://127.0.0.1:1"),
                Paths.get("target", "no-node"), "bench", false);
        RegistryBench.Result r = RegistryBench.runEmbedded(s);

        assertEquals(400, r.corpus().total());
        assertTrue("corpus in the clerk's agency", r.corpus().homeTotal() > 50);
        assertEquals(2, r.registrations().size());
        for (RegistryBench.RegCase c : r.registrations()) {
            assertEquals(c.result().firstError(), 0, c.result().errors());
            assertTrue(c.result().label() + " registered", c.result().count() > 0);
            assertTrue(c.result().label() + ": " + c.gapless().firstProblem(), c.gapless().ok());
            assertEquals(c.numbersHandedOut(), c.gapless().documents());
        }
        assertTrue("corpus registers gapless: " + r.corpusGapless().firstProblem(), r.corpusGapless().ok());
        assertEquals(400, r.corpusGapless().documents());

        RegistryBench.SearchResult search = r.search();
        assertEquals(search.firstError(), 0, search.sqlErrors());
        for (RegistryBench.QueryStats q : search.queries()) {
            assertEquals(q.query().label() + ": the bench's SQL and the service must agree", q.serviceTotal(), q.total());
        }
        long withDiacritics = total(search, "cà phê bền vững");
        long without = total(search, "same, no diacritics");
        assertTrue("generated documents found", withDiacritics > 0);
        assertEquals("the same documents without diacritics", withDiacritics, without);
        assertTrue("issuer without diacritics", total(search, "issuer, no diacritics") > 0);
        assertEquals(0, total(search, "no match"));
        assertTrue(Files.readString(r.markdownFile()).contains("| (c) raw JDBC, 1 register |"));
    }

    private static long total(RegistryBench.SearchResult s, String label) {
        return s.queries().stream().filter(q -> q.query().label().equals(label)).findFirst().orElseThrow().total();
    }
}
