package vn.chidao.platform.api.calendar;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

import vn.chidao.platform.api.calendar.LunarCalendar.LunarDate;
import vn.chidao.platform.api.calendar.PublicHolidays.Holiday;

public class CalendarTest {

    @Test
    public void tetFallsOnTheKnownDates() {
        assertEquals(LocalDate.of(2024, 2, 10), LunarCalendar.tet(2024));
        assertEquals(LocalDate.of(2025, 1, 29), LunarCalendar.tet(2025));
        assertEquals(LocalDate.of(2026, 2, 17), LunarCalendar.tet(2026));
        assertEquals(LocalDate.of(2027, 2, 6), LunarCalendar.tet(2027));
        // 2007 is a year where UTC+7 and UTC+8 disagree: Vietnam's Tết came a day before China's
        assertEquals(LocalDate.of(2007, 2, 17), LunarCalendar.tet(2007));
    }

    @Test
    public void hungKingsDayAndMidAutumnFollowTheMoon() {
        assertEquals(Optional.of(LocalDate.of(2024, 4, 18)), LunarCalendar.toSolar(new LunarDate(2024, 3, 10, false)));
        assertEquals(Optional.of(LocalDate.of(2025, 4, 7)), LunarCalendar.toSolar(new LunarDate(2025, 3, 10, false)));
        assertEquals(Optional.of(LocalDate.of(2024, 9, 17)), LunarCalendar.toSolar(new LunarDate(2024, 8, 15, false)));
    }

    @Test
    public void leapMonthsAreRepeatedAndOnlyWhereTheyExist() {
        // 2023 repeated month 2; 2025 repeated month 6
        assertEquals(new LunarDate(2023, 2, 1, true), LunarCalendar.toLunar(LocalDate.of(2023, 3, 22)));
        assertEquals(new LunarDate(2025, 6, 1, true), LunarCalendar.toLunar(LocalDate.of(2025, 7, 25)));
        assertEquals(Optional.empty(), LunarCalendar.toSolar(new LunarDate(2024, 2, 1, true)));
        assertEquals(Optional.empty(), LunarCalendar.toSolar(new LunarDate(2025, 5, 1, true)));
    }

    @Test
    public void everyDayFrom1950To2100RoundTripsAndMonthsHave29Or30Days() {
        for (LocalDate d = LocalDate.of(1950, 1, 1); d.isBefore(LocalDate.of(2101, 1, 1)); d = d.plusDays(1)) {
            LunarDate l = LunarCalendar.toLunar(d);
            assertTrue(d + " -> " + l, l.day() >= 1 && l.day() <= 30 && l.month() >= 1 && l.month() <= 12);
            assertEquals(d + " -> " + l, Optional.of(d), LunarCalendar.toSolar(l));
            if (l.day() == 1) {
                LunarDate before = LunarCalendar.toLunar(d.minusDays(1));
                assertTrue(d + ": the month before ended on day 29 or 30, not " + before.day(),
                        before.day() == 29 || before.day() == 30);
            }
        }
    }

    @Test
    public void theStatutoryHolidaysOf2026() {
        List<Holiday> h = PublicHolidays.of(2026);
        Set<LocalDate> dates = PublicHolidays.dates(2026);
        assertTrue(dates.containsAll(Set.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17),
                LocalDate.of(2026, 2, 20), LocalDate.of(2026, 4, 26), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 9, 2))));
        // Giỗ Tổ 2026 is a Sunday: the next working day is off in lieu
        assertTrue(h.contains(new Holiday(LocalDate.of(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương",
                "Day off in lieu of Hung Kings' Commemoration Day", true)));
    }

    @Test
    public void aHolidayOnAWeekendIsMadeUpOnTheNextDayThatIsNeitherWeekendNorHoliday() {
        // 30/4/2028 is a Sunday and 1/5 a holiday already: Tuesday 2/5 is off
        assertTrue(PublicHolidays.dates(2028).contains(LocalDate.of(2028, 5, 2)));
        // 1/1/2023 was a Sunday: Monday 2/1/2023 was off
        assertTrue(PublicHolidays.dates(2023).contains(LocalDate.of(2023, 1, 2)));
    }

    @Test
    public void deadlinesCountWorkingDaysOnly() {
        WorkingCalendar cal = new WorkingCalendar();
        // Friday 24/4/2026 + 3 working days: Mon 27/4 is off (in lieu), Tue 28, Wed 29, Thu 30/4 and Fri 1/5 off -> Mon 4/5
        assertEquals(LocalDate.of(2026, 5, 4), cal.plusWorkingDays(LocalDate.of(2026, 4, 24), 3));
        assertEquals(LocalDate.of(2026, 4, 24), cal.plusWorkingDays(LocalDate.of(2026, 4, 24), 0));
        assertEquals(3, cal.workingDaysBetween(LocalDate.of(2026, 4, 24), LocalDate.of(2026, 5, 4)));
        assertEquals(-3, cal.workingDaysBetween(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 4, 24)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 2, 19)));
    }

    @Test
    public void theYearsDecisionAddsDaysOffAndWorkingSaturdays() {
        LocalDate extendedTet = LocalDate.of(2026, 2, 23);
        LocalDate workedSaturday = LocalDate.of(2026, 1, 3);
        WorkingCalendar cal = new WorkingCalendar(Set.of(extendedTet), Set.of(workedSaturday));
        assertFalse(cal.isWorkingDay(extendedTet));
        assertTrue(cal.isWorkingDay(workedSaturday));
        assertTrue(new WorkingCalendar().isWorkingDay(extendedTet));
    }
}
