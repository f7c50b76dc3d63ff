package vn.chidao.registry.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Page;

/**
 * Registers and documents. Clerks register, correct and void in their agency's registers; leaders and
 * specialists read; system administrators manage registers, terms and types everywhere and read every
 * document, but write no agency's entries without a clerk grant there. Another agency's registers and
 * documents answer as if they did not exist. A registration cites only files the caller's acting agency
 * uploaded or that are attached to a document the caller can see; any other file is refused as unknown.
 */
public interface Registry {

    List<Register> registers(Caller caller, UUID agencyId);

    Optional<Register> register(Caller caller, UUID id);

    Register createRegister(Caller caller, RegisterDraft draft);

    List<DocType> types();

    /** Adds a document type, or renames / retires one (active=false); system administrators only. */
    DocType saveType(Caller caller, DocType type);

    List<Term> terms(Caller caller, UUID agencyId);

    Term addTerm(Caller caller, Term term);

    /** Takes the next number of the register's scope in the same transaction as the entry. */
    Registration register(Caller caller, DocumentDraft draft);

    /** The document; records the view in the access log. */
    Optional<Document> document(Caller caller, UUID id);

    /** Corrects metadata (the number and register stay); before and after go to the journal. */
    Document correct(Caller caller, UUID id, Map<String, Object> changes, String reason);

    /** Voids an entry: its number stays taken, marked void with the reason. */
    Document voidEntry(Caller caller, UUID id, String reason);

    Page<Document> search(Caller caller, SearchQuery query);

    List<HistoryEntry> history(Caller caller, UUID id);

    /** Who viewed or downloaded the document; for its agency's leaders (and system administrators). */
    List<AccessEntry> accessLog(Caller caller, UUID id);

    /** Records a download of one of the document's files and returns it if the caller may have it. */
    Optional<DocumentFile> download(Caller caller, UUID id, String sha256);

    /**
     * The register's entries of a period (a year, or a term), in number order, for the printed book,
     * handed to the reader from a server-side cursor — never the whole period in memory. Bounded per
     * node: 422 {@code book-too-large} past the configured number of entries (narrow it with
     * {@code from}/{@code to}), 503 {@code server-busy} with Retry-After while the node already writes
     * as many books as it allows; both before the reader is called.
     */
    <T> T book(Caller caller, BookQuery query, BookReader<T> reader) throws IOException;
}
