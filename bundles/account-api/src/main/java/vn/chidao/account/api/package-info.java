/**
 * The account module's API: the agency tree (with merges and splits kept as history), people, role
 * grants per agency, account requests and access-right alerts. Every operation takes the
 * {@link vn.chidao.platform.api.Caller} and is scoped to what that caller may see; refusals are
 * {@link vn.chidao.platform.api.rest.ProblemException}s (403, or 404 where existence must not leak).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package vn.chidao.account.api;
