package vn.chidao.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.SchemaReady;

/**
 * Purges what only matters for a while: sessions a day after they ended, idempotency answers after a
 * week (a retry comes within minutes). Journal entries are never purged. Idempotent, so every node may
 * run it.
 */
@Component(immediate = true)
public class Housekeeping {

    static final Duration SESSION_RETENTION = Duration.ofDays(1);
    static final Duration IDEMPOTENCY_RETENTION = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final DataSource dataSource;
    private final ChidaoClock clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "chidao-housekeeping"));

    @Activate
    public Housekeeping(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                        @Reference ChidaoClock clock,
                        @Reference(target = "(chidao.schema=platform)") SchemaReady schema) {
        this.dataSource = dataSource;
        this.clock = clock;
        scheduler.scheduleWithFixedDelay(this::purge, 5, 3600, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    int[] purge() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement sessions = c.prepareStatement(
                     "DELETE FROM platform.session WHERE coalesce(revoked_at, expires_at) < ?");
             PreparedStatement keys = c.prepareStatement("DELETE FROM platform.idempotency WHERE created_at < ?")) {
            sessions.setObject(1, now.minus(SESSION_RETENTION));
            keys.setObject(1, now.minus(IDEMPOTENCY_RETENTION));
            return new int[] {sessions.executeUpdate(), keys.executeUpdate()};
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Housekeeping skipped: {}", e.getMessage());
            return new int[] {0, 0};
        }
    }
}
