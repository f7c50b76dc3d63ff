package vn.chidao.platform.api.auth;

import java.util.Optional;

import vn.chidao.platform.api.Caller;

/**
 * Authentication SPI. The platform ships the first-administrator implementation; the account module
 * registers its own with a higher {@code service.ranking} and every consumer (REST filter, console,
 * Karaf JAAS realm) follows the highest-ranked one without any change.
 */
public interface Authenticator {

    /**
     * Checks a username and password. Throws {@link AuthenticationException} with a message that does
     * not reveal whether the user exists.
     */
    Session login(String username, char[] password, String remoteAddress) throws AuthenticationException;

    /**
     * Checks credentials with their second-factor code and channel. Throws with reason
     * {@code otp-required} when the password is right but a valid code is missing. Authenticators
     * without a second factor need not override this.
     */
    default Session login(Credentials credentials) throws AuthenticationException {
        return login(credentials.username(), credentials.password(), credentials.remoteAddress());
    }

    /** The caller a session token belongs to, if the token is valid and not expired or revoked. */
    Optional<Caller> resolve(String token);

    /** Revokes the token; unknown tokens are ignored. */
    void logout(String token);

    /**
     * The caller a logged-in shell user acts as (their first agency), for module commands; empty when
     * the authenticator does not know the name.
     */
    default Optional<Caller> callerFor(String username) {
        return Optional.empty();
    }

    /** Changes the caller's password; revokes their other sessions. */
    void changePassword(Caller caller, char[] oldPassword, char[] newPassword) throws AuthenticationException;

    /**
     * The same, from a remote address, so that wrong current passwords can be throttled per address like
     * failed logins. Authenticators without throttling need not override this.
     */
    default void changePassword(Caller caller, char[] oldPassword, char[] newPassword, String remoteAddress)
            throws AuthenticationException {
        changePassword(caller, oldPassword, newPassword);
    }
}
