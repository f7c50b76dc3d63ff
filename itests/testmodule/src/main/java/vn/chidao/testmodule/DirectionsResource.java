package vn.chidao.testmodule;

import java.util.List;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;

import org.osgi.service.component.annotations.Component;

import vn.chidao.platform.api.Roles;
import vn.chidao.platform.api.rest.RestModule;

/** Only leaders (lãnh đạo) may list directions; the public part is open. */
@Component(service = DirectionsResource.class, property = RestModule.PROPERTY + "=testmodule")
@RolesAllowed(Roles.LEADER)
public class DirectionsResource implements DirectionsApi {

    @Override
    public List<String> list() {
        return List.of("chỉ đạo");
    }

    @Override
    @PermitAll
    public List<String> open() {
        return List.of();
    }
}
