package vn.chidao.registry.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.content.ContentStore;
import vn.chidao.platform.api.content.StoredContent;
import vn.chidao.platform.api.db.Db;

/**
 * The content a caller may cite in a registry write, by permission rather than by knowing its hash:
 * what the caller's acting agency uploaded (the content store records the uploading agency), or what is
 * attached already to a document the caller can see (and so could download and upload again anyway).
 * Content that is neither is left out, exactly as content that does not exist, so that no answer tells
 * whether another agency stores a file. Nothing of it is read, not even its text layer.
 *
 * <p>Only the acting agency's uploads count, not those of every agency the caller may see: uploads are
 * made on behalf of the acting agency and registrations go into its registers, and a leader's view of the
 * subtree (or of merged predecessors) shows documents, never the files other agencies uploaded but did
 * not register.
 */
final class CitableContent {

    /** A citable file: what the store proved about it and its text layer for the search index. */
    record Cited(StoredContent stored, String text) {
    }

    private final Db db;
    private final ContentStore content;

    CitableContent(Db db, ContentStore content) {
        this.db = db;
        this.content = content;
    }

    /** The citable ones among these SHA-256 values (as the client wrote them), keyed the same way. */
    Map<String, Cited> of(Caller caller, Collection<String> sha256s) {
        Map<String, Cited> out = new LinkedHashMap<>();
        for (String sha : sha256s) {
            if (sha != null && !out.containsKey(sha) && citable(caller, sha)) {
                content.find(sha).ifPresent(s -> out.put(sha, new Cited(s, content.text(s.sha256()))));
            }
        }
        return out;
    }

    private boolean citable(Caller caller, String sha) {
        return content.heldBy(sha, List.of(caller.agencyId())) || attachedToVisibleDocument(caller, sha);
    }

    private boolean attachedToVisibleDocument(Caller caller, String sha) {
        String lower = sha.strip().toLowerCase(Locale.ROOT);
        if (caller.hasRole(Roles.SYSTEM_ADMIN)) {
            return db.read(c -> Db.one(c, "SELECT 1 FROM registry.document_file WHERE sha256 = ? LIMIT 1", rs -> 1, lower))
                    .isPresent();
        }
        List<String> scope = new ArrayList<>();
        scope.add(caller.agencyId().toString());
        caller.visibleAgencies().stream().map(UUID::toString).forEach(scope::add);
        Optional<Integer> seen = db.read(c -> Db.one(c, "SELECT 1 FROM registry.document_file f JOIN registry.document d"
                + " ON d.id = f.document_id WHERE f.sha256 = ? AND d.agency_id = ANY (?::uuid[]) LIMIT 1", rs -> 1, lower, scope));
        return seen.isPresent();
    }
}
