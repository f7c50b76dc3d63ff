package vn.chidao.registry.api;

/** A file named in a registration: uploaded to the content store first; {@code role}: main (default), annex, scan, draft. */
public record FileRef(String sha256, String fileName, String role) {
}
