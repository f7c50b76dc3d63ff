package vn.chidao.embeddeddb;

import java.nio.file.Paths;

/** Started as a separate JVM by the test: brings PostgreSQL up as the platform does, says so, then waits to be killed -9. */
public final class CrashingOwner {
    public static void main(String[] args) throws Exception {
        EmbeddedDatabase.startForApplication(Paths.get(args[0]), Integer.parseInt(args[1]), "chidao", 2);
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join(); // until the test kills this JVM with -9
    }
}
