package vn.chidao.platform.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.Roles;

public class KarafRolesTest {

    private static Caller caller(boolean mustChange, String... roles) {
        return new Caller(UUID.randomUUID(), "nguoi.thu", "Người Thử", UUID.randomUUID(), Set.of(roles), Set.of(), mustChange);
    }

    @Test
    public void systemAdministratorsGetKarafsRolesOnEveryDoor() {
        assertEquals(KarafRoles.SYSTEM_ADMIN, KarafRoles.of(caller(false, Roles.SYSTEM_ADMIN), "ssh"));
        assertEquals(KarafRoles.SYSTEM_ADMIN, KarafRoles.of(caller(false, Roles.SYSTEM_ADMIN), KarafRoles.JMX));
    }

    @Test
    public void agencyAdministratorsGetSshButNeverJmx() {
        assertEquals(KarafRoles.AGENCY_ADMIN, KarafRoles.of(caller(false, Roles.AGENCY_ADMIN, Roles.CLERK), "ssh"));
        assertEquals(List.of(), KarafRoles.of(caller(false, Roles.AGENCY_ADMIN), KarafRoles.JMX));
    }

    @Test
    public void everybodyElseAndAnyoneOwingANewPasswordGetNothing() {
        assertEquals(List.of(), KarafRoles.of(caller(false, Roles.CLERK, Roles.LEADER), "ssh"));
        assertEquals(List.of(), KarafRoles.of(caller(true, Roles.SYSTEM_ADMIN), "ssh"));
    }

    @Test
    public void theClientAddressLosesItsPort() {
        assertEquals("127.0.0.1", ClientAddress.host("/127.0.0.1:52344"));
        assertEquals("10.0.0.5", ClientAddress.host("may-chu.local/10.0.0.5:22"));
        assertEquals("0:0:0:0:0:0:0:1", ClientAddress.host("/[0:0:0:0:0:0:0:1]:52344"));
        assertEquals("::1", ClientAddress.host("::1"));
        assertEquals("127.0.0.1", ClientAddress.host("127.0.0.1"));
        assertNull(ClientAddress.host(""));
        assertNull(ClientAddress.host(null));
    }
}
