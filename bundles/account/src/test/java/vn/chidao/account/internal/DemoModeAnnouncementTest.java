package vn.chidao.account.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DemoModeAnnouncementTest {

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    @Test
    public void theFlagMakesADemo() {
        assertTrue(DemoModeAnnouncement.inDemoMode(true, data.getRoot().toPath()));
    }

    @Test
    public void withoutFlagOrSeedTheNodeIsNoDemo() {
        assertFalse(DemoModeAnnouncement.inDemoMode(false, data.getRoot().toPath()));
    }

    @Test
    public void aDataDirectoryTheDemoSeedFilledStaysADemoWithoutTheFlag() throws Exception {
        Path dir = data.getRoot().toPath();
        Files.writeString(dir.resolve(Bootstrap.DEMO_PASSWORD_FILE), "password=x\n");
        assertTrue(DemoModeAnnouncement.inDemoMode(false, dir));
    }
}
