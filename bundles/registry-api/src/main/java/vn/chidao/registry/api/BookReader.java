package vn.chidao.registry.api;

import java.io.IOException;
import java.util.Iterator;

/**
 * Reads a register book: its extent first, then its entries in number order, one at a time, straight
 * from the database. The entries exist only during the call; keep none of them.
 */
@FunctionalInterface
public interface BookReader<T> {
    T read(BookExtent extent, Iterator<Document> entries) throws IOException;
}
