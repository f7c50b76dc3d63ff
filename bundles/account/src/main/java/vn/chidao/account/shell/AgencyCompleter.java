package vn.chidao.account.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import vn.chidao.account.api.Agency;
import vn.chidao.account.api.AgencyDirectory;

/** Completes agency references: unique codes, organ ids and short names of live agencies. */
@Service
public class AgencyCompleter implements Completer {

    @Reference
    AgencyDirectory directory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        List<Agency> live = directory.list(false);
        for (Agency a : live) {
            if (live.stream().filter(x -> x.code().equals(a.code())).count() == 1) {
                strings.getStrings().add(a.code());
            }
            if (a.organId() != null) {
                strings.getStrings().add(a.organId());
            }
        }
        return strings.complete(session, commandLine, candidates);
    }
}
