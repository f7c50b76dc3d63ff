package vn.chidao.platform.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import vn.chidao.platform.rest.ModuleTraffic.Admission;

public class ModuleTrafficTest {

    private final ModuleTraffic traffic = new ModuleTraffic();

    @Test
    public void unknownModulesAreNotGated() {
        assertEquals(Admission.NOT_GATED, traffic.admit("registry", 0));
    }

    @Test
    public void aRequestWaitsWhileItsModuleIsReplacedAndGoesOnWhenItIsBack() throws Exception {
        traffic.close("registry", 0);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Admission> request = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return traffic.admit("registry", 60_000);
        });
        waiting.await();
        assertTrue(!request.isDone() || request.get() == Admission.ADMITTED);
        traffic.open("registry");
        assertEquals(Admission.ADMITTED, request.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void aModuleThatDoesNotComeBackInTimeIsUnavailableNotMissing() {
        traffic.close("registry", 0);
        assertEquals(Admission.UNAVAILABLE, traffic.admit("registry", 1));
        assertEquals("other modules are not held", Admission.NOT_GATED, traffic.admit("account", 0));
    }

    @Test
    public void closingWaitsForAdmittedRequestsToFinish() throws Exception {
        traffic.open("account");
        assertEquals(Admission.ADMITTED, traffic.admit("account", 0));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> traffic.close("account", 60_000));
        try {
            closing.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("closing returned while a request was in flight");
        } catch (java.util.concurrent.TimeoutException expected) {
            // still draining
        }
        traffic.release("account");
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(Admission.UNAVAILABLE, traffic.admit("account", 1));
    }

    @Test
    public void aModuleAlreadyClosedDoesNotWaitAgainForItsRequests() throws Exception {
        traffic.open("account");
        assertEquals(Admission.ADMITTED, traffic.admit("account", 0));
        traffic.close("account", 0); // first change: the drain gives up at once here
        // the next resource leaving must not wait for a request that may itself wait for the module
        CompletableFuture.runAsync(() -> traffic.close("account", 60_000)).get(10, TimeUnit.SECONDS);
    }

    @Test
    public void aForgottenModuleReleasesItsWaitersToTheFallback() throws Exception {
        traffic.close("gone", 0);
        CompletableFuture<Admission> request = CompletableFuture.supplyAsync(() -> traffic.admit("gone", 60_000));
        traffic.forget("gone");
        assertEquals(Admission.NOT_GATED, request.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void onlyModulePathsAreGated() {
        assertEquals("registry", ModuleGate.module("/api/v1/registry/documents"));
        assertEquals("account", ModuleGate.module("/api/v1/account"));
        assertNull(ModuleGate.module("/api/v1/"));
        assertEquals("platform", ModuleGate.module("/api/v1/health"));
        assertEquals("platform", ModuleGate.module("/api/v1/openapi.json"));
        assertNull(ModuleGate.module("/console/registry"));
        assertNull(ModuleGate.module("/api/v1/Registry/x"));
        assertNull(ModuleGate.module("/api/v1/registry;x"));
    }
}
