package vn.chidao.platform.api.auth;

import java.time.Instant;

import vn.chidao.platform.api.Caller;

/** An opened session: the bearer token (also the console cookie value), its caller and expiry. */
public record Session(String token, Caller caller, Instant expiresAt) {
}
