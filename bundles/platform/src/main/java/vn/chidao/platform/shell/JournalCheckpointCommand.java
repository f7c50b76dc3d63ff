package vn.chidao.platform.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.journal.Journal;

@Service
@Command(scope = "chidao", name = "journal-checkpoint",
        description = "Ghi điểm kiểm tra có ký số / Write a signed checkpoint of every chain head now")
public class JournalCheckpointCommand implements Action {

    @Reference
    Journal journal;

    @Override
    public Object execute() {
        System.out.println("Checkpoint written: " + journal.checkpoint() + " (copy it away to keep evidence off this node)");
        return null;
    }
}
