/**
 * The registry module's API: registers (sổ văn bản đến / đi) with gapless numbering per scope,
 * documents with the Decree 30 metadata, their files, search, access log and history. Operations take
 * the {@link vn.chidao.platform.api.Caller} and are scoped to the agencies the caller may see.
 */
@org.osgi.annotation.versioning.Version("2.0.0")
package vn.chidao.registry.api;
