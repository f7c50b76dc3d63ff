package vn.chidao.platform.api.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import vn.chidao.platform.api.calendar.LunarCalendar.LunarDate;

/**
 * The paid public holidays of the Labour Code 2019 (art. 112), which state and Party agencies keep,
 * and the compensatory days off for those falling on a weekly rest day (art. 111(3)). Which exact days
 * Tết and National Day take, and any swapped working days, the government fixes each year: those are
 * adjustments given to {@link WorkingCalendar}; this class gives the usual rule.
 */
public final class PublicHolidays {

    /** A day off and why. {@code compensatory} days replace a holiday that fell on a Saturday or Sunday. */
    public record Holiday(LocalDate date, String nameVi, String nameEn, boolean compensatory) {
    }

    private PublicHolidays() {
    }

    /** The holidays of a solar year, in date order, with their compensatory days. */
    public static List<Holiday> of(int year) {
        List<Holiday> days = new ArrayList<>();
        days.add(new Holiday(LocalDate.of(year, 1, 1), "Tết Dương lịch", "New Year's Day", false));
        LocalDate tet = LunarCalendar.tet(year);
        // five days: the last day of the old lunar year and the first four of the new one
        for (int i = -1; i <= 3; i++) {
            days.add(new Holiday(tet.plusDays(i), "Tết Nguyên Đán", "Lunar New Year", false));
        }
        days.add(new Holiday(LunarCalendar.toSolar(new LunarDate(year, 3, 10, false)).orElseThrow(),
                "Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day", false));
        days.add(new Holiday(LocalDate.of(year, 4, 30), "Ngày Chiến thắng", "Reunification Day", false));
        days.add(new Holiday(LocalDate.of(year, 5, 1), "Ngày Quốc tế Lao động", "International Labour Day", false));
        days.add(new Holiday(LocalDate.of(year, 9, 1), "Quốc khánh", "National Day", false));
        days.add(new Holiday(LocalDate.of(year, 9, 2), "Quốc khánh", "National Day", false));
        days.sort(Comparator.comparing(Holiday::date));
        return withCompensation(days);
    }

    /** The dates only. */
    public static Set<LocalDate> dates(int year) {
        return of(year).stream().map(Holiday::date).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Holiday> withCompensation(List<Holiday> holidays) {
        Set<LocalDate> taken = holidays.stream().map(Holiday::date).collect(Collectors.toCollection(TreeSet::new));
        List<Holiday> out = new ArrayList<>(holidays);
        for (Holiday h : holidays) {
            if (isWeekend(h.date())) {
                LocalDate d = h.date().plusDays(1);
                while (isWeekend(d) || taken.contains(d)) {
                    d = d.plusDays(1);
                }
                taken.add(d);
                out.add(new Holiday(d, "Nghỉ bù " + h.nameVi(), "Day off in lieu of " + h.nameEn(), true));
            }
        }
        out.sort(Comparator.comparing(Holiday::date));
        return List.copyOf(out);
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
