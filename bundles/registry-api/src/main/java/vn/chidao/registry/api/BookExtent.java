package vn.chidao.registry.api;

import java.time.LocalDate;

/**
 * What a register book covers, known before its entries are read: the register, the query, how many
 * entries, the first and last numbers and the first and last days (for the title page).
 */
public record BookExtent(Register register, BookQuery query, long entries, Integer firstNumber, Integer lastNumber,
                         LocalDate firstDate, LocalDate lastDate) {
}
