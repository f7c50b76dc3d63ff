package vn.chidao.platform.migration;

import java.util.List;

/** What the health report shows of each module's schema. */
public interface MigrationStatus {

    record Result(String schema, String bundle, String status, String version, String detail) {
    }

    List<Result> results();
}
