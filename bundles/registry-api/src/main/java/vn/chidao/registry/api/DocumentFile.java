package vn.chidao.registry.api;

/** A file of a document, kept in the platform's content store; {@code role}: main, annex, scan, draft. */
public record DocumentFile(String sha256, String fileName, String mediaType, long size, int pages, String role) {
}
