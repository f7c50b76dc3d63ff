package vn.chidao.platform.api.db;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;

import vn.chidao.platform.api.rest.ProblemException;

public class DbPageTest {

    @Test
    public void pagesPastTenThousandRowsAreRefusedBeforeAnyQuery() throws Exception {
        // no connection at all: the refusal must come first
        for (int[] deep : new int[][] {{51, 200}, {501, 20}, {10_001, 1}, {100_000, 200}}) {
            try {
                Db.page(null, "*", " FROM x", "id", rs -> 1, deep[0], deep[1]);
                fail("page " + deep[0] + " of " + deep[1] + " must be refused");
            } catch (ProblemException e) {
                assertEquals(400, e.problem().status());
                assertEquals("urn:chidao:problem:page-too-deep", e.problem().type());
            }
        }
    }

    @Test
    public void theLastPageWithinTheBoundStillRuns() throws Exception {
        for (int[] ok : new int[][] {{50, 200}, {500, 20}, {10_000, 1}}) {
            try {
                Db.page(null, "*", " FROM x", "id", rs -> 1, ok[0], ok[1]);
                fail("expected to reach the (missing) connection");
            } catch (NullPointerException reachedTheQuery) {
                // past the depth check
            }
        }
    }
}
