package vn.chidao.platform.shell;

import java.nio.file.Paths;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.Verification;

@Service
@Command(scope = "chidao", name = "journal-verify",
        description = "Kiểm tra toàn vẹn nhật ký / Verify every journal chain and the checkpoints; names the first problem")
public class JournalVerifyCommand implements Action {

    @Reference
    Journal journal;

    @Option(name = "--checkpoint", description = "A checkpoint file copied away earlier (default: the newest one)")
    String checkpoint;

    @Override
    public Object execute() {
        Verification v = checkpoint == null ? journal.verify() : journal.verify(Paths.get(checkpoint));
        if (v.ok()) {
            System.out.printf("OK: %d entries in %d chains verified%s%n", v.entriesChecked(), v.chainsChecked(),
                    v.checkpoint() == null ? " (no checkpoint yet)" : ", consistent with the checkpoint of " + v.checkpoint());
        } else if (v.agencyId() == null) {
            // the chains are intact, but a checkpoint that should exist is missing, stale or not valid
            System.out.printf("BROKEN: %s%n", v.reason());
        } else {
            System.out.printf("BROKEN: agency %s, entry %d%s: %s%n", v.agencyId(), v.chainSeq(),
                    v.entryId() == null ? "" : " (" + v.entryId() + ")", v.reason());
        }
        return null;
    }
}
