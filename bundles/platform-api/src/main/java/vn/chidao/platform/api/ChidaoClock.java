package vn.chidao.platform.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one source of time. Business dates are in Asia/Ho_Chi_Minh whatever the JVM's zone;
 * tests move the clock through configuration instead of waiting.
 */
public interface ChidaoClock {

    ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Now, truncated to microseconds so that it survives a round trip through timestamptz. */
    Instant now();

    default ZonedDateTime businessNow() {
        return now().atZone(BUSINESS_ZONE);
    }

    default LocalDate today() {
        return businessNow().toLocalDate();
    }
}
