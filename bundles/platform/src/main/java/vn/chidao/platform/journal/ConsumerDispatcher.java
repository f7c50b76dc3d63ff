package vn.chidao.platform.journal;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.journal.JournalConsumer;

/**
 * Whiteboard for {@link JournalConsumer} services: a runner per consumer while its service exists.
 * A module that is stopped or updated loses its runner; its cursor stays in the database, so the new
 * runner catches up on what was written meanwhile.
 */
@Component(service = ConsumerDispatcher.class, immediate = true, configurationPid = "vn.chidao.journal.consumers")
@Designate(ocd = ConsumerDispatcher.Config.class)
public class ConsumerDispatcher {

    @ObjectClassDefinition(name = "Chidao journal consumers")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds a consumer waits for a notification before polling; also the take-over delay")
        long consumerPollMillis() default 1000;
    }

    private final DataSource dataSource;
    private final JournalStore store;
    private final long pollMillis;
    private final String node;
    private final Map<JournalConsumer, ConsumerRunner> runners = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    @Activate
    public ConsumerDispatcher(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                              @Reference ChidaoClock clock,
                              @Reference(target = "(chidao.schema=platform)") SchemaReady schema, Config config) {
        this.dataSource = dataSource;
        this.store = new JournalStore(dataSource, clock);
        this.pollMillis = Math.max(100, config.consumerPollMillis());
        this.node = System.getProperty("karaf.name", "chidao") + "/" + ManagementFactory.getRuntimeMXBean().getName();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addConsumer(JournalConsumer consumer) {
        if (open) {
            runners.computeIfAbsent(consumer, c -> new ConsumerRunner(dataSource, store, c, node, pollMillis).start());
        }
    }

    void removeConsumer(JournalConsumer consumer) {
        ConsumerRunner r = runners.remove(consumer);
        if (r != null) {
            r.stop();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        open = false;
        runners.values().forEach(ConsumerRunner::stop);
        runners.clear();
    }

    /** Names of the consumers this node currently feeds. */
    public java.util.List<String> activeHere() {
        return runners.entrySet().stream().filter(e -> e.getValue().active()).map(e -> e.getKey().name()).sorted().toList();
    }
}
