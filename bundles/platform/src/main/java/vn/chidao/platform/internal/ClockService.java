package vn.chidao.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import vn.chidao.platform.api.ChidaoClock;

/**
 * System time by default. Tests (and only tests: production never ships the configuration) set
 * {@code fixed} or {@code offsetSeconds} in {@code vn.chidao.clock} to move business time.
 */
@Component(service = ChidaoClock.class, configurationPid = "vn.chidao.clock")
@Designate(ocd = ClockService.Config.class)
public class ClockService implements ChidaoClock {

    @ObjectClassDefinition(name = "Chidao clock")
    public @interface Config {
        @AttributeDefinition(description = "Fixed instant (ISO-8601), empty for the system clock")
        String fixed() default "";

        @AttributeDefinition(description = "Seconds added to the system clock")
        long offsetSeconds() default 0;
    }

    private volatile Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    public ClockService() {
    }

    @Activate
    @Modified
    void configure(Config config) {
        fixed = config.fixed().isBlank() ? null : Instant.parse(config.fixed().trim());
        offset = Duration.ofSeconds(config.offsetSeconds());
    }

    @Override
    public Instant now() {
        Instant base = fixed != null ? fixed : Instant.now();
        return base.plus(offset).truncatedTo(ChronoUnit.MICROS);
    }
}
