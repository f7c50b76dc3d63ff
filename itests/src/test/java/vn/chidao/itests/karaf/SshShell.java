package vn.chidao.itests.karaf;

import static org.junit.Assert.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

import vn.chidao.itests.support.Http;

/**
 * A real ssh client (sshd-osgi inside the probe) against the node's Karaf shell on 127.0.0.1:18101.
 * Administrators type their TOTP code right after the password.
 */
final class SshShell {

    static final int PORT = 18101;

    /** What a command printed and its exit status (null: still running when we stopped waiting). */
    record Result(Integer exit, String out, String err) {
        boolean ok() {
            return exit != null && exit == 0;
        }

        @Override
        public String toString() {
            return "exit " + exit + ", out: " + out + ", err: " + err;
        }
    }

    private SshShell() {
    }

    /** Runs one command in a fresh session; a non-zero exit status or a refused login is an IOException. */
    static String run(SshClient client, String user, String password, String command) throws IOException {
        try (ClientSession s = open(client, user, password)) {
            return s.executeRemoteCommand(command, System.err, StandardCharsets.UTF_8);
        }
    }

    /** An authenticated session from 127.0.0.1. */
    static ClientSession open(SshClient client, String user, String password) throws IOException {
        return open(client, user, password, null);
    }

    /** An authenticated session, from the given local address of the loopback network (null: any). */
    static ClientSession open(SshClient client, String user, String password, String from) throws IOException {
        ClientSession s = connect(client, user, from);
        try {
            s.addPasswordIdentity(password);
            s.auth().verify(20, TimeUnit.SECONDS);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Logs in and runs one command with empty input, waiting at most 30 seconds (Karaf ends the ssh
     * session after an exec request, so each command needs its own login).
     */
    static Result exec(SshClient client, String user, String password, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientSession session = open(client, user, password); ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(new ByteArrayInputStream(new byte[0]));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(10, TimeUnit.SECONDS);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30));
            return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** An interactive shell on a session, as a person at a terminal: lines typed, everything printed kept. */
    static final class Terminal implements AutoCloseable {

        private final ChannelShell channel;
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

        Terminal(ClientSession session) throws IOException {
            channel = session.createShellChannel();
            channel.setIn(new PipedInputStream(keyboard));
            channel.setOut(screen);
            channel.setErr(screen);
            channel.open().verify(10, TimeUnit.SECONDS);
        }

        void type(String line) throws IOException {
            keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        /** Waits at most the bound for the text to appear on the screen. */
        boolean shows(String text, Duration bound) {
            return Http.await(bound, () -> screen().contains(text));
        }

        boolean closed() {
            return channel.isClosed();
        }

        String screen() {
            return screen.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static void assertRefused(SshClient client, String user, String password) {
        assertRefused(client, user, password, null);
    }

    /** The login is refused (the server answers no, or closes the session). */
    static void assertRefused(SshClient client, String user, String password, String from) {
        try (ClientSession s = connect(client, user, from)) {
            s.addPasswordIdentity(password);
            assertFalse(user + " must not get in", s.auth().await(20, TimeUnit.SECONDS) && s.isAuthenticated());
        } catch (IOException refused) {
            // the server closed the session: refused as well
        }
    }

    private static ClientSession connect(SshClient client, String user, String from) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", PORT);
        return (from == null ? client.connect(user, server) : client.connect(user, server, new InetSocketAddress(from, 0)))
                .verify(10, TimeUnit.SECONDS).getSession();
    }
}
