package vn.chidao.platform.api.auth;

/**
 * What a person presents to log in: username, password, the current code of their second factor if
 * they have one, where they come from and through which door.
 */
public record Credentials(String username, char[] password, String otp, String remoteAddress, Channel channel) {

    /** The door: it decides session lifetimes and, for the shell, how the second factor is typed. */
    public enum Channel {
        /** The web console: session cookie. */
        CONSOLE,
        /** Another system or script over REST: bearer tokens. */
        API,
        /** ssh / Karaf shell: the second-factor code is typed right after the password. */
        SHELL
    }
}
