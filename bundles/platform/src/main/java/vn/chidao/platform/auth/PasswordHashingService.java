package vn.chidao.platform.auth;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;

import vn.chidao.platform.api.auth.AuthenticationException;
import vn.chidao.platform.api.auth.PasswordHashing;

/**
 * Argon2id for every authenticator. Each hash takes ~19 MiB and tens of milliseconds of one core, so
 * at most one per core runs at once, and never more than a quarter of the heap can hold: a burst of
 * logins waits a few seconds, then gets "busy" (429) instead of exhausting memory.
 */
@Component(service = PasswordHashing.class)
public class PasswordHashingService implements PasswordHashing {

    private static final long WAIT_SECONDS = 5;

    private final PasswordHasher hasher = new PasswordHasher();
    private final String dummyHash = hasher.hash("not-a-password".toCharArray());
    private final int permits = permits(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
            hasher.memoryBytes());
    private final Semaphore running = new Semaphore(permits);

    static int permits(int cores, long maxHeap, long bytesPerHash) {
        return (int) Math.max(1, Math.min(cores, maxHeap / 4 / bytesPerHash));
    }

    @Override
    public String hash(char[] password) throws AuthenticationException {
        acquire();
        try {
            return hasher.hash(password);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean verify(char[] password, String hash) throws AuthenticationException {
        acquire();
        try {
            return hasher.verify(password, hash == null ? dummyHash : hash) && hash != null;
        } finally {
            running.release();
        }
    }

    @Override
    public char[] oneTimePassword() {
        return PasswordHasher.oneTimePassword();
    }

    @Override
    public int concurrency() {
        return permits;
    }

    private void acquire() throws AuthenticationException {
        boolean permitted;
        try {
            permitted = running.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            throw new AuthenticationException("busy", "Hệ thống đang bận, vui lòng thử lại sau ít giây.");
        }
    }
}
