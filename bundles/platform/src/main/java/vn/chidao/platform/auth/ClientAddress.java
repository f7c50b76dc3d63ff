package vn.chidao.platform.auth;

/**
 * The client's IP address from what Karaf records of a login ({@code ClientPrincipal}): ssh gives a
 * socket address ("/127.0.0.1:52344", "/[0:0:0:0:0:0:0:1]:52344", "host/10.0.0.5:52344"), JMX a
 * bare host. The account module throttles failed logins per address, so the port must go.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String host(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return null;
        }
        String s = recorded.strip();
        s = s.substring(s.lastIndexOf('/') + 1);
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 1 ? s.substring(1, end) : null;
        }
        // one colon: IPv4 or a name with a port; more: a bare IPv6 address
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            s = s.substring(0, colon);
        }
        return s.isEmpty() ? null : s;
    }
}
