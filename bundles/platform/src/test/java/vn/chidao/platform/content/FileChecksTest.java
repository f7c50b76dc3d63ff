package vn.chidao.platform.content;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import vn.chidao.platform.api.content.ContentRejectedException;

/** File names: bidirectional controls are refused with their own explanation, other names pass. */
public class FileChecksTest {

    private static final int[] BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
            0x200E, 0x200F, 0x061C};

    @Test
    public void everyBidiControlIsRefused() {
        for (int cp : BIDI) {
            assertTrue(Integer.toHexString(cp), FileChecks.isBidiControl(cp));
            String name = "hoá-đơn" + new String(Character.toChars(cp)) + "fdp.exe";
            ContentRejectedException e = assertThrows(Integer.toHexString(cp), ContentRejectedException.class,
                    () -> FileChecks.checkName(name));
            assertEquals(400, e.problem().status());
            assertEquals("urn:chidao:problem:bad-file-name", e.problem().type());
            assertTrue(e.problem().detail(), e.problem().detail().contains("hướng chữ"));
            assertTrue(e.problem().detailEn(), e.problem().detailEn().contains("bidirectional"));
        }
    }

    @Test
    public void neighboursOfTheBidiControlsAreNotBidiControls() {
        for (int cp : new int[] {0x2029, 0x202F, 0x2065, 0x206A, 0x200D, 0x0627, 'a', 'đ'}) {
            assertFalse(Integer.toHexString(cp), FileChecks.isBidiControl(cp));
        }
        // other invisible characters stay refused, as invisible
        ContentRejectedException zwj = assertThrows(ContentRejectedException.class, () -> FileChecks.checkName("a\u200Db.pdf"));
        assertTrue(zwj.problem().detail(), zwj.problem().detail().contains("không hiển thị"));
    }

    @Test
    public void plainVietnameseArabicAndHebrewNamesPass() {
        FileChecks.checkName("Quyết định số 12-QĐ/TU.pdf".replace("/", "-"));
        FileChecks.checkName("تقرير.pdf");
        FileChecks.checkName("דוח.pdf");
    }
}
