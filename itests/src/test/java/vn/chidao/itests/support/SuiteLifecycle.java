package vn.chidao.itests.support;

import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;

/** Closes what the run started in the test JVM, before surefire ends the fork (a shutdown hook may never finish). */
public class SuiteLifecycle extends RunListener {
    @Override
    public void testRunFinished(Result result) {
        KarafProcess.stopAll();
        TestDatabase.stop();
    }
}
