package vn.chidao.testmodule;

import java.sql.Connection;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.SchemaReady;
import vn.chidao.platform.api.journal.JournalConsumer;
import vn.chidao.platform.api.journal.JournalEntry;

/** Records every journal entry it is handed, idempotently, with the node that handled it. */
@Component(service = JournalConsumer.class)
public class Recorder implements JournalConsumer {

    private final DataSource dataSource;

    @Activate
    public Recorder(@Reference(target = "(osgi.jndi.service.name=chidao)") DataSource dataSource,
                    @Reference(target = "(chidao.schema=testmodule)") SchemaReady schema) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "testmodule.recorder";
    }

    @Override
    public void accept(JournalEntry entry) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO testmodule.consumed (position, entry_id, action, node) VALUES (?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, entry.position());
            ps.setObject(2, entry.id());
            ps.setString(3, entry.action());
            ps.setString(4, System.getProperty("karaf.name", "chidao"));
            ps.executeUpdate();
        }
    }
}
