package vn.chidao.account.internal.security;

import java.time.Duration;

/**
 * Lock-out curve after failed logins. Short enough not to lock a clumsy user out for long,
 * steep enough to make guessing one account's password impractical.
 */
public final class LoginBackoff {

    /** Failures tolerated before the first lock. */
    public static final int FREE_FAILURES = 4;
    /** Longest lock, so an attacker cannot lock a real user out for days. */
    public static final Duration MAX_LOCK = Duration.ofHours(1);

    /** More than this many failures from one address within {@link #ADDRESS_WINDOW} throttles that address. */
    public static final int ADDRESS_LIMIT = 30;
    public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(10);

    private LoginBackoff() {
    }

    /** How long the account stays locked after its n-th consecutive failure: 5 → 1 min, 6 → 2, 7 → 4, ... ≤ 1 h. */
    public static Duration lockFor(int consecutiveFailures) {
        if (consecutiveFailures <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = consecutiveFailures - FREE_FAILURES - 1;
        // 2^6 minutes already exceeds the cap; stopping here also keeps the shift from overflowing.
        if (doublings >= 6) {
            return MAX_LOCK;
        }
        Duration lock = Duration.ofMinutes(1L << doublings);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    /** Whether an address with this many failures in the current window is throttled. */
    public static boolean addressThrottled(int failuresInWindow) {
        return failuresInWindow > ADDRESS_LIMIT;
    }
}
