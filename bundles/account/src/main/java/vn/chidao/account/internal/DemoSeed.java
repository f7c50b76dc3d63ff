package vn.chidao.account.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.chidao.platform.api.db.Db;
import vn.chidao.platform.api.ChidaoClock;
import vn.chidao.platform.api.Ids;
import vn.chidao.platform.api.journal.Journal;
import vn.chidao.platform.api.journal.JournalDraft;

/**
 * Demo data as of the founding regulation (2019): Tỉnh ủy Đắk Nông with its organs, the eight
 * district-level committees and a few communes each, and demo people for every role. Everything goes
 * through the journal like any other change.
 */
final class DemoSeed {

    /** A district-level committee and some of its communes (thị trấn / xã / phường). */
    private record District(String name, String code, String organId, List<String> communes) {
    }

    static final List<String[]> ORGANS = List.of(
            new String[] {"VPTU", "Văn phòng Tỉnh ủy", "VPTU", "000.01.00.G22"},
            new String[] {"BTCTU", "Ban Tổ chức Tỉnh ủy", "BTCTU", "000.02.00.G22"},
            new String[] {"UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "000.03.00.G22"},
            new String[] {"BTGTU", "Ban Tuyên giáo Tỉnh ủy", "BTGTU", "000.04.00.G22"},
            new String[] {"BDVTU", "Ban Dân vận Tỉnh ủy", "BDVTU", "000.05.00.G22"},
            new String[] {"BNCTU", "Ban Nội chính Tỉnh ủy", "BNCTU", "000.06.00.G22"});

    static final List<District> DISTRICTS = List.of(
            new District("Huyện ủy Cư Jút", "HU", "000.00.11.G22", List.of("thị trấn Ea T'Ling", "xã Tâm Thắng", "xã Nam Dong")),
            new District("Huyện ủy Krông Nô", "HU", "000.00.12.G22", List.of("thị trấn Đắk Mâm", "xã Nam Đà", "xã Quảng Phú")),
            new District("Huyện ủy Đắk Mil", "HU", "000.00.13.G22", List.of("thị trấn Đắk Mil", "xã Đức Mạnh", "xã Thuận An")),
            new District("Huyện ủy Đắk Song", "HU", "000.00.14.G22", List.of("thị trấn Đức An", "xã Nam Bình", "xã Thuận Hạnh")),
            new District("Huyện ủy Đắk R'Lấp", "HU", "000.00.15.G22", List.of("thị trấn Kiến Đức", "xã Nhân Cơ", "xã Đạo Nghĩa")),
            new District("Huyện ủy Đắk Glong", "HU", "000.00.16.G22", List.of("xã Quảng Khê", "xã Đắk Ha", "xã Quảng Sơn")),
            new District("Huyện ủy Tuy Đức", "HU", "000.00.17.G22", List.of("xã Đắk Buk So", "xã Quảng Tâm", "xã Quảng Trực")),
            new District("Thành ủy Gia Nghĩa", "TU", "000.00.18.G22", List.of("phường Nghĩa Đức", "phường Nghĩa Thành", "xã Đắk Nia")));

    /** username, full name, position, agency short key, roles. */
    static final List<String[]> PEOPLE = List.of(
            new String[] {"lanhdao.tu", "Hoàng Văn Đức", "Bí thư Tỉnh ủy", "TU", "leader"},
            new String[] {"vanthu.tu", "Nguyễn Thị Thu Hà", "Văn thư Tỉnh ủy", "TU", "clerk"},
            new String[] {"lanhdao.vptu", "Nguyễn Văn Bình", "Chánh Văn phòng Tỉnh ủy", "VPTU", "leader"},
            new String[] {"vanthu.vptu", "Trần Thị Hoa", "Văn thư", "VPTU", "clerk"},
            new String[] {"chuyenvien.vptu", "Lê Thị Mai", "Chuyên viên Phòng Tổng hợp", "VPTU", "specialist"},
            new String[] {"quantri.vptu", "Phạm Quốc Dũng", "Chuyên viên Phòng Công nghệ thông tin", "VPTU", "agency-admin"},
            new String[] {"lanhdao.cujut", "Y Siu Niê", "Bí thư Huyện ủy Cư Jút", "Huyện ủy Cư Jút", "leader"},
            new String[] {"vanthu.cujut", "Đặng Thị Lụa", "Văn thư", "Huyện ủy Cư Jút", "clerk"},
            new String[] {"chuyenvien.cujut", "Vũ Minh Tuấn", "Chuyên viên Văn phòng Huyện ủy", "Huyện ủy Cư Jút", "specialist"},
            new String[] {"quantri.cujut", "Bùi Thanh Sơn", "Chuyên viên Văn phòng Huyện ủy", "Huyện ủy Cư Jút", "agency-admin"},
            new String[] {"lanhdao.tamthang", "H'Hương Mlô", "Bí thư Đảng ủy xã Tâm Thắng", "xã Tâm Thắng", "leader"},
            new String[] {"vanthu.tamthang", "Lương Văn Quý", "Văn phòng Đảng ủy", "xã Tâm Thắng", "clerk,specialist"},
            new String[] {"quantri.hethong", "Đỗ Minh Khoa", "Trưởng phòng Công nghệ thông tin, Văn phòng Tỉnh ủy", null,
                    "system-admin"});

    private final Connection c;
    private final ChidaoClock clock;
    private final Journal journal;
    private final String passwordHash;
    private final Map<String, UUID> agencies = new HashMap<>();

    DemoSeed(Connection c, ChidaoClock clock, Journal journal, String passwordHash) {
        this.c = c;
        this.clock = clock;
        this.journal = journal;
        this.passwordHash = passwordHash;
    }

    void run() throws SQLException {
        UUID tu = agency("TU", "Tỉnh ủy Đắk Nông", "Tỉnh ủy", "province", null, "000.00.00.G22", "TU");
        for (String[] o : ORGANS) {
            agency(o[0], o[1], o[2], "province", tu, o[3], o[0]);
        }
        for (District d : DISTRICTS) {
            UUID district = agency(d.code(), d.name(), d.name().replace("Huyện ủy ", "HU ").replace("Thành ủy ", "TU "),
                    "district", tu, d.organId(), d.name());
            for (String commune : d.communes()) {
                agency("ĐU", "Đảng ủy " + commune, "ĐU " + commune, "commune", district, null, commune);
            }
        }
        Instant now = clock.now();
        for (String[] p : PEOPLE) {
            UUID id = Ids.newId();
            // demo people know their password from the run command; a real account gets a one-time password
            Db.update(c, "INSERT INTO account.person (id, username, full_name, position, password_hash, must_change, created_at,"
                    + " updated_at) VALUES (?,?,?,?,?,false,?,?)", id, p[0], p[1], p[2], passwordHash, now, now);
            for (String role : p[4].split(",")) {
                UUID agency = p[3] == null ? null : agencies.get(p[3]);
                Db.update(c, "INSERT INTO account.role_grant (id, person_id, agency_id, role, valid_from, reason, granted_by,"
                        + " granted_at) VALUES (?,?,?,?,?,'Dữ liệu mẫu','system',?)", Ids.newId(), id, agency, role, now, now);
            }
            journal.append(c, new JournalDraft(Ids.NO_AGENCY, "system", "account.demo-user-seeded", id.toString(),
                    Map.of("username", p[0], "roles", p[4])));
        }
    }

    private UUID agency(String code, String name, String shortName, String level, UUID parent, String organId, String key)
            throws SQLException {
        UUID id = Ids.newId();
        Instant now = clock.now();
        Db.update(c, "INSERT INTO account.agency (id, code, name, short_name, level, parent_id, organ_id, active_from, created_at,"
                + " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", id, code, name, shortName, level, parent, organId,
                LocalDate.of(2019, 1, 1), now, now);
        journal.append(c, new JournalDraft(id, "system", "account.agency-seeded", id.toString(), Map.of("name", name)));
        agencies.put(key, id);
        return id;
    }

    static String usernames() {
        StringBuilder sb = new StringBuilder();
        for (String[] p : PEOPLE) {
            sb.append("# ").append(p[0]).append(" — ").append(p[1]).append(", ").append(p[4]).append('\n');
        }
        return sb.toString();
    }
}
