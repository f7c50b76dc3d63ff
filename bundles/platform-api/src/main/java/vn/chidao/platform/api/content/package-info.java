/**
 * The content store: files (documents' PDFs, annexes, scans, drafts) kept once by SHA-256, checked on
 * the way in, streamed in and out. Shared by the registry, signing and exchange modules.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package vn.chidao.platform.api.content;
