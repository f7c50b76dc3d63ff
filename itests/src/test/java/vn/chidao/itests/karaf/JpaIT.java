package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.journal.Journal;

/**
 * The JPA stack the business modules will use (Aries JPA JpaTemplate + EclipseLink 2.7 on the Chidao
 * DataSource, schema by migrations), installed live: a write goes through JPA with its journal entry
 * in the same transaction.
 */
public class JpaIT extends ChidaoTestSupport {

    @Inject
    FeaturesService features;

    @Inject
    Journal journal;

    @Test(timeout = 180_000)
    public void jpaModuleInstallsLiveAndPersistsWithItsJournalEntry() throws Exception {
        String token = adminToken();
        features.installFeature("chidao-jpamodule");
        assertTrue("JPA module endpoints up", Http.await(Duration.ofSeconds(90),
                () -> http.get("/api/v1/jpamodule/memos", token).status() == 200));
        String subject = "Về việc triển khai Nghị quyết " + UUID.randomUUID();
        Http.Res created = http.postJson("/api/v1/jpamodule/memos", "{\"subject\":\"" + subject + "\"}", token);
        assertEquals(created.body(), 201, created.status());
        String id = Http.field(created.body(), "id");
        assertTrue(http.get("/api/v1/jpamodule/memos", token).body().contains(subject));
        assertTrue("journal entry written with the JPA transaction", journal.tail(null, 20).stream()
                .anyMatch(e -> "jpamodule.memo-created".equals(e.action()) && id.equals(e.subjectId())));
        PlatformIT.assertProblem(http.postJson("/api/v1/jpamodule/memos", "{\"subject\":\"\"}", token), 400, "invalid-memo");
        assertTrue(journal.verify().ok());
    }
}
