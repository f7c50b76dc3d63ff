package vn.chidao.account.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.apache.cxf.rs.security.jose.jwa.SignatureAlgorithm;
import org.apache.cxf.rs.security.jose.jws.HmacJwsSignatureProvider;
import org.apache.cxf.rs.security.jose.jws.HmacJwsSignatureVerifier;
import org.apache.cxf.rs.security.jose.jws.JwsHeaders;
import org.apache.cxf.rs.security.jose.jws.JwsJwtCompactConsumer;
import org.apache.cxf.rs.security.jose.jws.JwsJwtCompactProducer;
import org.apache.cxf.rs.security.jose.jwt.JwtClaims;
import org.apache.cxf.rs.security.jose.jwt.JwtToken;

/**
 * Short-lived signed access tokens for REST clients (JWS HS256 via CXF JOSE). A token names its
 * session, and every request checks that session, so logout, lock, password or role changes revoke
 * it at once; the signature spares forging attempts a database lookup. The key named by the token's
 * {@code kid} comes from {@link SigningKeys}, so keys can be rotated.
 */
final class AccessTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String ISSUER = "chidao";

    private AccessTokens() {
    }

    static String issue(String keyId, byte[] secret, UUID person, UUID session, Instant now) {
        JwsHeaders headers = new JwsHeaders(SignatureAlgorithm.HS256);
        headers.setKeyId(keyId);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(person.toString());
        claims.setClaim("sid", session.toString());
        claims.setIssuedAt(now.getEpochSecond());
        claims.setExpiryTime(now.plus(LIFETIME).getEpochSecond());
        return new JwsJwtCompactProducer(new JwtToken(headers, claims))
                .signWith(new HmacJwsSignatureProvider(secret, SignatureAlgorithm.HS256));
    }

    /**
     * The session a valid, unexpired token names, if {@code keys} accepts the key it names; empty for
     * anything else (never throws on junk).
     */
    static Optional<UUID> session(String token, Instant now, Function<String, Optional<byte[]>> keys) {
        try {
            JwsJwtCompactConsumer consumer = new JwsJwtCompactConsumer(token);
            JwtToken jwt = consumer.getJwtToken();
            // the algorithm is pinned: "none" or RS/HS confusion cannot pass
            if (!SignatureAlgorithm.HS256.getJwaName().equals(jwt.getJwsHeaders().getAlgorithm())) {
                return Optional.empty();
            }
            String keyId = jwt.getJwsHeaders().getKeyId();
            Optional<byte[]> secret = keyId == null ? Optional.empty() : keys.apply(keyId);
            if (secret.isEmpty()
                    || !consumer.verifySignatureWith(new HmacJwsSignatureVerifier(secret.get(), SignatureAlgorithm.HS256))) {
                return Optional.empty();
            }
            JwtClaims claims = jwt.getClaims();
            Long exp = claims.getExpiryTime();
            if (exp == null || now.getEpochSecond() >= exp || !ISSUER.equals(claims.getIssuer())) {
                return Optional.empty();
            }
            return Optional.of(UUID.fromString((String) claims.getClaim("sid")));
        } catch (RuntimeException junk) {
            return Optional.empty();
        }
    }

    static boolean looksSigned(String token) {
        return token.chars().filter(ch -> ch == '.').count() == 2;
    }
}
