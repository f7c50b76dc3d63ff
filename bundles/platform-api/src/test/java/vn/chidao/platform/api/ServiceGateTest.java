package vn.chidao.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class ServiceGateTest {

    @Test
    public void aCallerWaitsForTheReplacementInsteadOfFailing() throws Exception {
        ServiceGate<String> gate = new ServiceGate<>("directory", 60_000);
        gate.bind("old");
        gate.unbind("old");
        assertFalse(gate.present());
        CompletableFuture<String> call = CompletableFuture.supplyAsync(gate::get);
        gate.bind("new");
        assertEquals("new", call.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void greedyReplacementBindsTheNewOneBeforeUnbindingTheOld() {
        ServiceGate<String> gate = new ServiceGate<>("directory", 0);
        gate.bind("old");
        gate.bind("new");
        gate.unbind("old");
        assertEquals("new", gate.get());
    }

    @Test
    public void pastTheBoundTheCallerIsToldTheServiceIsAway() {
        ServiceGate<String> gate = new ServiceGate<>("danh bạ / directory", 1);
        ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class, gate::get);
        assertEquals("danh bạ / directory", e.service());
    }
}
