package vn.chidao.platform.api.journal;

/**
 * Register as an OSGi service to receive every committed journal entry in commit order, at least once,
 * from a durable cursor kept under {@link #name()}. Exactly one node runs a given consumer at a time.
 * Handlers must be idempotent; an exception stops the consumer at that entry and it is retried.
 */
public interface JournalConsumer {

    /** Stable name of the cursor, e.g. {@code registry.search-indexer}. */
    String name();

    void accept(JournalEntry entry) throws Exception;
}
