package vn.chidao.registry.shell;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.osgi.framework.BundleContext;

import vn.chidao.platform.api.Caller;
import vn.chidao.platform.api.auth.ShellCaller;
import vn.chidao.registry.api.Registry;

/**
 * Base of the chidao:* registry commands: they act as the shell user's Chidao account, looked up through
 * the authenticator ranked highest when the command runs (see {@link ShellCaller#run(BundleContext, ShellCaller.Work)}).
 */
abstract class RegistryCommand implements Action {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Reference
    BundleContext context;

    @Reference
    Registry registry;

    @Override
    public final Object execute() throws Exception {
        return ShellCaller.run(context, this::run);
    }

    abstract Object run(Caller caller) throws Exception;

    static String date(LocalDate d) {
        return d == null ? "" : DAY.format(d);
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
