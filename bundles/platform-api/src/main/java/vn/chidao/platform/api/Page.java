package vn.chidao.platform.api;

import java.util.List;

/** One page of a list, with the total. */
public record Page<T>(List<T> items, long total, int page, int size) {
}
