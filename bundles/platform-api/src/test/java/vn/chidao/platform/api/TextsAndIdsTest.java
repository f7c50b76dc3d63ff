package vn.chidao.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;

public class TextsAndIdsTest {

    @Test
    public void decomposedVietnameseIsStoredComposed() {
        String decomposed = "Nghi\u0323 quye\u0302\u0301t"; // "Nghị quyết" as typed on some systems
        assertNotEquals("Nghị quyết", decomposed);
        assertEquals("Nghị quyết", Texts.nfc(decomposed));
        assertEquals("nghi quyet dang uy dak nong", Texts.fold("Nghị quyết Đảng ủy Đắk Nông"));
    }

    @Test
    public void idsAreVersion7AndTimeOrdered() {
        UUID first = Ids.newId();
        UUID second = first;
        // ids of a later millisecond sort after (within one millisecond the order is random)
        for (int i = 0; i < 10_000_000 && (second.getMostSignificantBits() >>> 16) == (first.getMostSignificantBits() >>> 16); i++) {
            second = Ids.newId();
        }
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertTrue(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()) < 0);
        Set<UUID> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(Ids.newId());
        }
        assertEquals(10_000, many.size());
    }

    @Test
    public void businessDatesAreInVietnamWhateverTheJvmZone() {
        ChidaoClock clock = () -> java.time.Instant.parse("2026-12-31T18:30:00Z");
        assertEquals(java.time.LocalDate.of(2027, 1, 1), clock.today());
    }
}
