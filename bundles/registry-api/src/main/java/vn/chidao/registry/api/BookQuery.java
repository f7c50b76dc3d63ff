package vn.chidao.registry.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Which book to print: a register's period (a year such as "2026", or a term's name), optionally
 * narrowed to the entries whose day (arrival for incoming, issue for outgoing) lies between
 * {@code from} and {@code to}, both included — a month or a quarter of a long year. {@code maxEntries}
 * lowers the node's limit for this book (null: the node's own), for a writer whose memory grows with
 * the book.
 */
public record BookQuery(UUID registerId, String period, LocalDate from, LocalDate to, Integer maxEntries) {

    public static BookQuery of(UUID registerId, String period) {
        return new BookQuery(registerId, period, null, null, null);
    }

    /** The same book, at most this many entries. */
    public BookQuery atMost(Integer entries) {
        return new BookQuery(registerId, period, from, to, entries);
    }
}
