package vn.chidao.platform.api.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;

public class SlotsTest {

    @Test
    public void oneMoreThanTheSizeIsRefusedWithRetryAfterAndAClosedSlotFreesItsPlaceOnce() {
        Slots slots = new Slots(2, 30, "bận", "busy");
        Slots.Slot a = slots.take();
        Slots.Slot b = slots.take();
        try {
            slots.take();
            fail("a third place must be refused");
        } catch (ProblemException e) {
            assertEquals(503, e.problem().status());
            assertEquals("urn:chidao:problem:server-busy", e.problem().type());
            assertEquals(30, e.retryAfterSeconds());
            assertEquals("bận", e.problem().detail());
        }
        a.close();
        a.close(); // twice frees one place only
        assertEquals(1, slots.available());
        try (Slots.Slot c = slots.take()) {
            assertEquals(0, slots.available());
        }
        b.close();
        assertEquals(2, slots.available());
    }
}
