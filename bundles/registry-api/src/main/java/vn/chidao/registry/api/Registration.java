package vn.chidao.registry.api;

import java.util.List;

/**
 * The outcome of a registration: the document, or — when the same số + ký hiệu + issuer or the same
 * edXML DocumentId is registered already and the clerk did not confirm — no document and the
 * duplicates found (HTTP 409 with them).
 */
public record Registration(Document document, List<Document> duplicates) {
}
