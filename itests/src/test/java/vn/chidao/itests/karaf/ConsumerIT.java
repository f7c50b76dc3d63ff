package vn.chidao.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.ServiceRegistration;

import vn.chidao.itests.support.Http;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalConsumer;
import vn.chidao.platform.api.journal.JournalDraft;
import vn.chidao.platform.api.journal.JournalEntry;

/** Journal consumers: commit order, at-least-once, durable cursors across a consumer's absence. */
public class ConsumerIT extends ChidaoTestSupport {

    @Inject
    Journal journal;

    @Inject
    @Filter("(osgi.jndi.service.name=chidao)")
    DataSource dataSource;

    /** Collects the subjects of one agency's entries, in the order they arrive. */
    static final class Collector implements JournalConsumer {
        final String name;
        final UUID agency;
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<Long> positions = Collections.synchronizedList(new ArrayList<>());

        Collector(String name, UUID agency) {
            this.name = name;
            this.agency = agency;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void accept(JournalEntry e) {
            if (e.subjectId() != null && e.subjectId().startsWith(agency + "/")) {
                seen.add(e.subjectId().substring(e.subjectId().indexOf('/') + 1));
                positions.add(e.position());
            }
        }
    }

    /** Appends to a chain of its own (so no append waits for another's head lock), tagged for the collector. */
    private void append(UUID tag, String subject) {
        journal.append(new JournalDraft(Ids.newId(), "tester", "itest.event", tag + "/" + subject, Map.of()));
    }

    @Test(timeout = 120_000)
    public void entryCommittedLastIsDeliveredAfterTheOnesThatCommittedBeforeIt() throws Exception {
        UUID agency = Ids.newId();
        Collector c = new Collector("itest.order-" + agency, agency);
        ServiceRegistration<JournalConsumer> reg = bundleContext.registerService(JournalConsumer.class, c, null);
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            // this transaction starts first and appends first, but commits last
            journal.append(open, new JournalDraft(Ids.newId(), "tester", "itest.event", agency + "/slow", Map.of()));
            append(agency, "fast-1");
            append(agency, "fast-2");
            assertTrue(Http.await(Duration.ofSeconds(30), () -> c.seen.size() >= 2));
            assertEquals(List.of("fast-1", "fast-2"), new ArrayList<>(c.seen));
            open.commit();
        } finally {
            assertTrue("the late commit must still reach the consumer",
                    Http.await(Duration.ofSeconds(30), () -> c.seen.size() >= 3));
            reg.unregister();
        }
        assertEquals(List.of("fast-1", "fast-2", "slow"), new ArrayList<>(c.seen));
        List<Long> p = new ArrayList<>(c.positions);
        assertTrue("positions follow commit order: " + p, p.get(0) < p.get(1) && p.get(1) < p.get(2));
    }

    @Test(timeout = 120_000)
    public void consumerCatchesUpOnWhatWasWrittenWhileItWasAway() throws Exception {
        UUID agency = Ids.newId();
        String name = "itest.catch-up-" + agency;
        Collector first = new Collector(name, agency);
        ServiceRegistration<JournalConsumer> reg = bundleContext.registerService(JournalConsumer.class, first, null);
        append(agency, "a");
        assertTrue(Http.await(Duration.ofSeconds(30), () -> first.seen.contains("a")));
        reg.unregister();
        // away (as during a bundle update): entries keep coming
        append(agency, "b");
        append(agency, "c");
        Collector second = new Collector(name, agency);
        reg = bundleContext.registerService(JournalConsumer.class, second, null);
        try {
            assertTrue(Http.await(Duration.ofSeconds(30), () -> second.seen.size() >= 2));
            assertEquals("resumes from its durable cursor, not from the start", List.of("b", "c"), new ArrayList<>(second.seen));
        } finally {
            reg.unregister();
        }
    }

    @Test(timeout = 120_000)
    public void failingHandlerIsRetriedAtTheSameEntry() throws Exception {
        UUID agency = Ids.newId();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int[] failures = {0};
        JournalConsumer flaky = new JournalConsumer() {
            @Override
            public String name() {
                return "itest.flaky-" + agency;
            }

            @Override
            public void accept(JournalEntry e) {
                if (e.subjectId() == null || !e.subjectId().startsWith(agency + "/")) {
                    return;
                }
                String subject = e.subjectId().substring(e.subjectId().indexOf('/') + 1);
                if ("x".equals(subject) && failures[0]++ < 2) {
                    throw new IllegalStateException("transient failure");
                }
                seen.add(subject);
            }
        };
        ServiceRegistration<JournalConsumer> reg = bundleContext.registerService(JournalConsumer.class, flaky, null);
        try {
            append(agency, "x");
            append(agency, "y");
            assertTrue(Http.await(Duration.ofSeconds(60), () -> seen.size() >= 2));
            assertEquals(List.of("x", "y"), new ArrayList<>(seen));
            assertEquals(3, failures[0]);
        } finally {
            reg.unregister();
        }
    }
}
