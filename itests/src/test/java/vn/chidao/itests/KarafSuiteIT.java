package vn.chidao.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;

import vn.chidao.itests.karaf.AccountIT;
import vn.chidao.itests.karaf.AccountMatrixIT;
import vn.chidao.itests.karaf.AccountSecurityIT;
import vn.chidao.itests.karaf.AuthorizationIT;
import vn.chidao.itests.karaf.ConsumerIT;
import vn.chidao.itests.karaf.ContentPermissionIT;
import vn.chidao.itests.karaf.DatabaseSecurityIT;
import vn.chidao.itests.karaf.HotDeployIT;
import vn.chidao.itests.karaf.IdempotencyIT;
import vn.chidao.itests.karaf.InputSecurityIT;
import vn.chidao.itests.karaf.JournalIT;
import vn.chidao.itests.karaf.JpaIT;
import vn.chidao.itests.karaf.MigrationFailureIT;
import vn.chidao.itests.karaf.OpenApiIT;
import vn.chidao.itests.karaf.PlatformIT;
import vn.chidao.itests.karaf.RegistryIT;
import vn.chidao.itests.karaf.RegistryLimitsIT;
import vn.chidao.itests.karaf.RegistryMatrixIT;
import vn.chidao.itests.karaf.ShellSecurityIT;
import vn.chidao.itests.karaf.WebSecurityIT;

/**
 * The Pax Exam suite: one Karaf container for all these classes. (Pax Exam ends a PerSuite container
 * when no runner of the suite is left; run one by one, surefire would boot a container per class.)
 * HotDeployIT goes last: it changes the installed features.
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({PlatformIT.class, OpenApiIT.class, AuthorizationIT.class, AccountIT.class, RegistryIT.class, JournalIT.class,
        ConsumerIT.class, IdempotencyIT.class, MigrationFailureIT.class, AccountMatrixIT.class, WebSecurityIT.class,
        DatabaseSecurityIT.class, ShellSecurityIT.class, InputSecurityIT.class, RegistryMatrixIT.class,
        ContentPermissionIT.class, AccountSecurityIT.class, RegistryLimitsIT.class, HotDeployIT.class, JpaIT.class})
public class KarafSuiteIT {
}
