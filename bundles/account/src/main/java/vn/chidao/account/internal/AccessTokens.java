package vn.chidao.account.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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
 * it at once; the signature spares forging attempts a database lookup.
 */
final class AccessTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String ISSUER = "chidao";

    private final String keyId;
    private final byte[] secret;

    AccessTokens(String keyId, byte[] secret) {
        this.keyId = keyId;
        this.secret = secret.clone();
    }

    String issue(UUID person, UUID session, Instant now) {
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

    /** The session a valid, unexpired token names; empty for anything else (never throws on junk). */
    Optional<UUID> session(String token, Instant now) {
        try {
            JwsJwtCompactConsumer consumer = new JwsJwtCompactConsumer(token);
            JwtToken jwt = consumer.getJwtToken();
            // the algorithm is pinned: "none" or RS/HS confusion cannot pass
            if (!SignatureAlgorithm.HS256.getJwaName().equals(jwt.getJwsHeaders().getAlgorithm())
                    || !keyId.equals(jwt.getJwsHeaders().getKeyId())
                    || !consumer.verifySignatureWith(new HmacJwsSignatureVerifier(secret, SignatureAlgorithm.HS256))) {
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
