package vn.chidao.platform.api.calendar;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days: Monday to Friday, without the statutory holidays and their compensatory days, with the
 * year's adjustments (extra days off and Saturdays worked in exchange, "làm bù", as the government
 * decides each year). Deadlines counted "in working days" are counted here.
 */
public final class WorkingCalendar {

    /** The statutory days of a year never change: computed once (the lunar part is the costly one). */
    private static final Map<Integer, Set<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private final Set<LocalDate> extraDaysOff;
    private final Set<LocalDate> extraWorkingDays;

    /** The statutory calendar with no adjustments. */
    public WorkingCalendar() {
        this(Set.of(), Set.of());
    }

    /**
     * @param extraDaysOff days off beyond the statutory rule (for example Tết extended by decision)
     * @param extraWorkingDays weekend days worked in exchange, or holidays the decision moved
     */
    public WorkingCalendar(Set<LocalDate> extraDaysOff, Set<LocalDate> extraWorkingDays) {
        this.extraDaysOff = Set.copyOf(extraDaysOff);
        this.extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        if (extraDaysOff.contains(day) || PublicHolidays.isWeekend(day)) {
            return false;
        }
        return !holidays(day.getYear()).contains(day);
    }

    /**
     * The day a task given on {@code start} is due when it has {@code days} working days: the
     * {@code days}-th working day after {@code start} (the start itself does not count).
     */
    public LocalDate plusWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + days);
        }
        LocalDate d = start;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Working days after {@code from} up to and including {@code to} (negative when {@code to} is earlier). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    private static Set<LocalDate> holidays(int year) {
        return BY_YEAR.computeIfAbsent(year, y -> {
            // a compensatory day of one solar year can spill into the next: look at the year before too
            Set<LocalDate> all = new TreeSet<>(PublicHolidays.dates(y));
            all.addAll(PublicHolidays.dates(y - 1));
            return Set.copyOf(all);
        });
    }
}
