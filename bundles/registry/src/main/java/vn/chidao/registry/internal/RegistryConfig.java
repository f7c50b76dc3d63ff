package vn.chidao.registry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/vn.chidao.registry.cfg}, read by the demo seed and the registry service. */
@ObjectClassDefinition(name = "Chidao registry")
public @interface RegistryConfig {

    String PID = "vn.chidao.registry";

    @AttributeDefinition(description = "Give every agency without registers demo registers and a committee term.")
    boolean demo() default false;

    @AttributeDefinition(description = "Most entries one printed register book may hold (422 book-too-large beyond:"
            + " print it per month or quarter)")
    int maxBookEntries() default 200_000;

    @AttributeDefinition(description = "Register books this node writes at once (503 server-busy beyond)")
    int maxConcurrentBooks() default 2;
}
