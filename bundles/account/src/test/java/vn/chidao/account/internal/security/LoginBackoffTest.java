package vn.chidao.account.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;

public class LoginBackoffTest {

    @Test
    public void noLockBeforeTheFifthFailure() {
        for (int n = -1; n < 5; n++) {
            assertEquals(Duration.ZERO, LoginBackoff.lockFor(n));
        }
    }

    @Test
    public void doublesFromOneMinute() {
        assertEquals(Duration.ofMinutes(1), LoginBackoff.lockFor(5));
        assertEquals(Duration.ofMinutes(2), LoginBackoff.lockFor(6));
        assertEquals(Duration.ofMinutes(4), LoginBackoff.lockFor(7));
        assertEquals(Duration.ofMinutes(8), LoginBackoff.lockFor(8));
        assertEquals(Duration.ofMinutes(16), LoginBackoff.lockFor(9));
        assertEquals(Duration.ofMinutes(32), LoginBackoff.lockFor(10));
    }

    @Test
    public void cappedAtOneHourWithoutOverflow() {
        assertEquals(Duration.ofHours(1), LoginBackoff.lockFor(11));
        assertEquals(Duration.ofHours(1), LoginBackoff.lockFor(12));
        assertEquals(Duration.ofHours(1), LoginBackoff.lockFor(40));
        assertEquals(Duration.ofHours(1), LoginBackoff.lockFor(70));
        assertEquals(Duration.ofHours(1), LoginBackoff.lockFor(Integer.MAX_VALUE));
    }

    @Test
    public void neverDecreases() {
        for (int n = 0; n < 100; n++) {
            assertTrue(LoginBackoff.lockFor(n + 1).compareTo(LoginBackoff.lockFor(n)) >= 0);
        }
    }

    @Test
    public void addressThrottling() {
        assertEquals(30, LoginBackoff.ADDRESS_LIMIT);
        assertEquals(Duration.ofMinutes(10), LoginBackoff.ADDRESS_WINDOW);
        assertFalse(LoginBackoff.addressThrottled(30));
        assertTrue(LoginBackoff.addressThrottled(31));
    }
}
