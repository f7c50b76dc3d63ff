package vn.chidao.platform.api.calendar;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7 as Vietnam has used since 1968:
 * months begin on the day of the new moon in Hà Nội, month 11 holds the winter solstice, and a year
 * with 13 months repeats the first month without a principal solar term. New moons and the Sun's
 * longitude follow Jean Meeus, <i>Astronomical Algorithms</i> (the method Hồ Ngọc Đức published for
 * the Vietnamese calendar); accurate to the day for 1900–2100, which is what deadlines need.
 */
public final class LunarCalendar {

    /** Hours east of UTC: Vietnam's calendar is reckoned at UTC+7 (China's at UTC+8, hence the years they differ). */
    private static final double ZONE = 7.0;
    private static final double SYNODIC_MONTH = 29.530588853;
    /** Julian day number of 1970-01-01, to convert from {@link LocalDate#toEpochDay()}. */
    private static final long EPOCH_JDN = 2_440_588L;
    /** The new moon counted as k = 0 by Meeus's series (1900-01-01 13:51 UT). */
    private static final double NEW_MOON_ZERO = 2_415_021.076998695;

    private LunarCalendar() {
    }

    /** A day of the lunar calendar; {@code leap} marks the repeated (nhuận) month. */
    public record LunarDate(int year, int month, int day, boolean leap) {
    }

    /** The solar date of a lunar date, or empty if that lunar date does not exist (day 30 of a short month, a leap month that is not). */
    public static Optional<LocalDate> toSolar(LunarDate lunar) {
        if (lunar.month() < 1 || lunar.month() > 12 || lunar.day() < 1 || lunar.day() > 30) {
            return Optional.empty();
        }
        long a11;
        long b11;
        if (lunar.month() < 11) {
            a11 = month11(lunar.year() - 1);
            b11 = month11(lunar.year());
        } else {
            a11 = month11(lunar.year());
            b11 = month11(lunar.year() + 1);
        }
        long k = (long) Math.floor(0.5 + (a11 - NEW_MOON_ZERO) / SYNODIC_MONTH);
        int offset = lunar.month() - 11;
        if (offset < 0) {
            offset += 12;
        }
        if (b11 - a11 > 365) { // this lunar year has a leap month
            int leapOffset = leapMonthOffset(a11);
            int leapMonth = Math.floorMod(leapOffset - 2, 12);
            if (lunar.leap() && lunar.month() != leapMonth) {
                return Optional.empty();
            }
            if (lunar.leap() || offset >= leapOffset) {
                offset += 1;
            }
        } else if (lunar.leap()) {
            return Optional.empty();
        }
        long monthStart = newMoonDay(k + offset);
        long day = monthStart + lunar.day() - 1;
        if (lunar.day() == 30 && newMoonDay(k + offset + 1) <= day) {
            return Optional.empty(); // a 29-day month
        }
        return Optional.of(fromJdn(day));
    }

    /** The lunar date of a solar date. */
    public static LunarDate toLunar(LocalDate date) {
        long jdn = jdn(date);
        // the mean month only estimates which new moon began this month: step back until one did not start later
        long k = (long) Math.floor((jdn - NEW_MOON_ZERO) / SYNODIC_MONTH) + 1;
        long monthStart = newMoonDay(k);
        while (monthStart > jdn) {
            k--;
            monthStart = newMoonDay(k);
        }
        long a11 = month11(date.getYear());
        long b11 = a11;
        int year;
        if (a11 >= monthStart) {
            year = date.getYear();
            a11 = month11(date.getYear() - 1);
        } else {
            year = date.getYear() + 1;
            b11 = month11(date.getYear() + 1);
        }
        int day = (int) (jdn - monthStart + 1);
        int diff = (int) Math.floor((monthStart - a11) / 29.0);
        boolean leap = false;
        int month = diff + 11;
        if (b11 - a11 > 365) {
            int leapDiff = leapMonthOffset(a11);
            if (diff >= leapDiff) {
                month = diff + 10;
                if (diff == leapDiff) {
                    leap = true;
                }
            }
        }
        if (month > 12) {
            month -= 12;
        }
        if (month >= 11 && diff < 4) {
            year -= 1;
        }
        return new LunarDate(year, month, day, leap);
    }

    /** The first day of the lunar year (Tết Nguyên Đán) whose months 1–10 fall mostly in that solar year. */
    public static LocalDate tet(int year) {
        return toSolar(new LunarDate(year, 1, 1, false)).orElseThrow();
    }

    // --- astronomy ---------------------------------------------------------------------------------

    static long jdn(LocalDate date) {
        return date.toEpochDay() + EPOCH_JDN;
    }

    static LocalDate fromJdn(long jdn) {
        return LocalDate.ofEpochDay(jdn - EPOCH_JDN);
    }

    /** The local (UTC+7) day of the k-th new moon after 1900-01-01. */
    static long newMoonDay(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double dr = Math.PI / 180;
        double jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
                + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // Sun's mean anomaly
        double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // Moon's mean anomaly
        double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // Moon's argument of latitude
        double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m)
                - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr)
                - 0.0004 * Math.sin(dr * 3 * mpr)
                + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr))
                - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m))
                - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr))
                + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
        double deltaT = t < -11
                ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
                : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return (long) Math.floor(jd1 + c1 - deltaT + 0.5 + ZONE / 24);
    }

    /** The Sun's longitude at the start of a local day, as the index 0..11 of its 30° sector. */
    static int sunSector(long jdn) {
        double t = (jdn - 2_451_545.5 - ZONE / 24) / 36525;
        double t2 = t * t;
        double dr = Math.PI / 180;
        double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m)
                + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
        double l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Math.floor(l / (Math.PI * 2));
        return (int) Math.floor(l / Math.PI * 6);
    }

    /** The first day of lunar month 11 (the month of the winter solstice) that begins in the solar year. */
    static long month11(int year) {
        long off = jdn(LocalDate.of(year, 12, 31)) - 2_415_021;
        long k = (long) Math.floor(off / SYNODIC_MONTH);
        long nm = newMoonDay(k);
        if (sunSector(nm) >= 9) {
            nm = newMoonDay(k - 1);
        }
        return nm;
    }

    /** Which month after month 11 is the leap one: the first without a principal term (the Sun stays in one sector). */
    static int leapMonthOffset(long a11) {
        long k = (long) Math.floor((a11 - NEW_MOON_ZERO) / SYNODIC_MONTH + 0.5);
        int i = 1;
        int arc = sunSector(newMoonDay(k + i));
        int last;
        do {
            last = arc;
            i++;
            arc = sunSector(newMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }
}
