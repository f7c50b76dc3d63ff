package vn.chidao.platform.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What health reports of the PostgreSQL server and database, read the same way on every supported
 * version (14 to 17), and what the platform misses there with what to do about it.
 *
 * <p>The locale columns of {@code pg_database} differ by version (17: {@code datlocale}; 15 and 16:
 * {@code daticulocale}; 14: neither, and no {@code datlocprovider}), so the row is read through
 * {@code to_jsonb}, where a column the server lacks is simply absent instead of an error.
 */
public record DatabaseFacts(String version, int versionNumber, String encoding, String localeProvider, String locale,
                            List<Notice> notices) {

    /** Oldest PostgreSQL major version the platform is tested against and supports. */
    public static final int OLDEST_SUPPORTED = 14;

    static final String QUERY = """
            SELECT current_setting('server_version'), current_setting('server_version_num')::int,
                   pg_encoding_to_char(d.encoding), to_jsonb(d) ->> 'datlocprovider',
                   coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale'), to_jsonb(d) ->> 'datcollate',
                   (SELECT count(*) FROM pg_available_extensions WHERE name IN ('unaccent', 'pg_trgm')),
                   (SELECT count(*) FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')),
                   EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i'),
                   coalesce((SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n WHERE nspname = 'public'), false)
              FROM pg_database d WHERE d.datname = current_database()""";

    /** Something the platform lacks on this server: a stable code, and the text with what to do (vi, en). */
    public record Notice(String code, String vi, String en) {
        public Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("code", code);
            m.put("vi", vi);
            m.put("en", en);
            return m;
        }
    }

    /** The server as it answers now; throws when it cannot be reached. */
    public static DatabaseFacts read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            return of(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    new Server(rs.getInt(7) == 2, rs.getInt(8) == 2, rs.getBoolean(9), rs.getBoolean(10)));
        }
    }

    /** What the server offers beyond its catalogue row: contrib extensions, ICU, a place for the extensions. */
    record Server(boolean extensionsAvailable, boolean extensionsCreated, boolean icu, boolean mayCreateInPublic) {
    }

    /**
     * The facts from the raw answers: {@code provider} is {@code datlocprovider} (null before 15: libc),
     * {@code icuLocale} the ICU/builtin locale if any, {@code collate} the libc locale.
     */
    static DatabaseFacts of(String version, int versionNumber, String encoding, String provider, String icuLocale,
                            String collate, Server server) {
        String providerName = provider == null ? "libc" : switch (provider) {
            case "i" -> "icu";
            case "c" -> "libc";
            case "b" -> "builtin";
            default -> provider;
        };
        String locale = "libc".equals(providerName) ? collate : icuLocale;
        int major = versionNumber / 10_000;
        List<Notice> notices = new ArrayList<>();
        if (major < OLDEST_SUPPORTED) {
            notices.add(new Notice("unsupported-version",
                    "PostgreSQL " + version + " cũ hơn các phiên bản được hỗ trợ (14 đến 17): hãy nâng cấp lên PostgreSQL 15 trở lên.",
                    "PostgreSQL " + version + " is older than the supported versions (14 to 17): upgrade to PostgreSQL 15 or later."));
        }
        if (!"UTF8".equals(encoding)) {
            notices.add(new Notice("encoding",
                    "Cơ sở dữ liệu dùng bảng mã " + encoding + ", không phải UTF8: chữ tiếng Việt có thể bị từ chối."
                            + " Hãy tạo lại cơ sở dữ liệu với ENCODING 'UTF8' TEMPLATE template0 (xem README) rồi chuyển dữ liệu.",
                    "The database encoding is " + encoding + ", not UTF8: Vietnamese text may be refused."
                            + " Create the database again with ENCODING 'UTF8' TEMPLATE template0 (see the README) and move the data."));
        }
        if (!"icu".equals(providerName) && major < 15) {
            notices.add(new Notice("icu-default-unavailable",
                    "PostgreSQL " + major + " không cho đặt ICU làm quy tắc sắp xếp mặc định của cơ sở dữ liệu. Chidao vẫn sắp"
                            + " tên theo thứ tự tiếng Việt bằng collation ICU riêng (platform.vi); phần còn lại theo locale '"
                            + locale + "'. Để dùng vi-VN cho mọi thứ: nâng cấp lên PostgreSQL 15 trở lên và tạo cơ sở dữ liệu với"
                            + " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'.",
                    "PostgreSQL " + major + " cannot make ICU the database's default collation. Chidao still orders names in"
                            + " Vietnamese order through its own ICU collation (platform.vi); everything else follows the locale '"
                            + locale + "'. For vi-VN throughout: upgrade to PostgreSQL 15 or later and create the database with"
                            + " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'."));
        } else if (!"icu".equals(providerName)) {
            notices.add(new Notice("icu-default-missing",
                    "Cơ sở dữ liệu không dùng ICU 'vi-VN' làm quy tắc sắp xếp mặc định (đang là " + providerName + " '" + locale
                            + "'). Hãy tạo cơ sở dữ liệu với LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' TEMPLATE template0 (xem README).",
                    "The database's default collation is not ICU 'vi-VN' (it is " + providerName + " '" + locale
                            + "'). Create the database with LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN' TEMPLATE template0 (see the README)."));
        }
        if (!server.icu()) {
            notices.add(new Notice("icu-missing",
                    "Máy chủ PostgreSQL này được biên dịch không có ICU: không tạo được collation tiếng Việt platform.vi."
                            + " Hãy dùng gói PostgreSQL của bản phân phối (Debian, Ubuntu, RHEL đều có ICU).",
                    "This PostgreSQL server was built without ICU: the Vietnamese collation platform.vi cannot be created."
                            + " Use the distribution's PostgreSQL packages (Debian, Ubuntu and RHEL build them with ICU)."));
        }
        if (!server.extensionsCreated() && !server.extensionsAvailable()) {
            notices.add(new Notice("extensions-missing",
                    "Thiếu phần mở rộng unaccent hoặc pg_trgm trên máy chủ: hãy cài gói contrib (Debian/Ubuntu:"
                            + " apt-get install postgresql-contrib; RHEL: dnf install postgresql-contrib) rồi khởi động lại nút.",
                    "The unaccent or pg_trgm extension is not installed on the server: install the contrib package"
                            + " (Debian/Ubuntu: apt-get install postgresql-contrib; RHEL: dnf install postgresql-contrib), then restart the node."));
        }
        if (!server.extensionsCreated() && !server.mayCreateInPublic()) {
            notices.add(new Notice("public-schema",
                    "Vai trò của ứng dụng không được CREATE trong schema public, nơi đặt unaccent và pg_trgm: người quản trị"
                            + " PostgreSQL hãy chạy ALTER SCHEMA public OWNER TO <vai trò chủ sở hữu> trong cơ sở dữ liệu này.",
                    "The application's role may not CREATE in schema public, where unaccent and pg_trgm go: a PostgreSQL"
                            + " superuser should run ALTER SCHEMA public OWNER TO <owner role> in this database."));
        }
        return new DatabaseFacts(version, versionNumber, encoding, providerName, locale, List.copyOf(notices));
    }

    /** Codes of the notices, for logs and tests. */
    public Set<String> noticeCodes() {
        return Set.copyOf(notices.stream().map(Notice::code).toList());
    }
}
