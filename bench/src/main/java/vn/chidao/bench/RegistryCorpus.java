package vn.chidao.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import vn.chidao.platform.api.Ids;

/**
 * A corpus of realistic registry documents (Vietnamese subjects, issuers, Party document types and body
 * paragraphs) loaded straight into {@code registry.document} with PostgreSQL {@code COPY}, not through
 * the service: no journal entries, no files. Every agency gets two bench-owned registers (incoming per
 * year, outgoing per type and term) named {@link #INCOMING_NAME} / {@link #OUTGOING_NAME}; numbers are
 * handed out gaplessly in load order and the counter rows are set in the same transaction as each COPY
 * batch, so those registers stay consistent. Document {@code i} is always generated from the same seed:
 * the corpus is reproducible, and a later run with a larger {@code bench.documents} only adds the missing
 * documents.
 */
public final class RegistryCorpus {

    public record Agency(UUID id, String code, String name) {
    }

    /** What a load did. */
    public record Loaded(long before, long added, long total, long homeTotal, double seconds, long tableBytes, long walBytes) {
    }

    public static final String INCOMING_NAME = "Sổ văn bản đến – dữ liệu thử tải (bench)";
    public static final String OUTGOING_NAME = "Sổ văn bản đi – dữ liệu thử tải (bench)";
    static final String CLERK = "bench.corpus";
    /** Share of the corpus in the searching clerk's agency (the provincial office is the busiest). */
    static final double HOME_SHARE = 0.25;
    /**
     * Disk per added document, measured on 100,000: heap, TOAST, the GIN text index and the other indexes come to
     * ~2.2 KiB per document after VACUUM. The load also writes ~6 KiB of WAL per document, but PostgreSQL recycles
     * WAL segments at checkpoints (max_wal_size), so that part is bounded. The check asks for 1.5 times 3 KiB per
     * document plus 2 GiB for WAL and sorting.
     */
    static final long BYTES_PER_DOCUMENT = 3 * 1024;
    static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);
    static final LocalDate TERM_CHANGE = LocalDate.of(2025, 10, 16);
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int BATCH = 5_000;

    private RegistryCorpus() {
    }

    // --- vocabulary ------------------------------------------------------------------------------------

    /** Party document types [HD 36-HD/VPTW] with a rough share of a provincial office's traffic. */
    static final String[] TYPES = {"CV", "BC", "TB", "QĐ", "KH", "NQ", "KL", "CT", "HD", "TTr", "GM"};
    static final int[] TYPE_WEIGHTS = {30, 14, 12, 10, 10, 6, 4, 3, 4, 3, 4};

    static final String[] TOPICS = {
        "phát triển cà phê bền vững", "chuyển đổi số", "xây dựng nông thôn mới", "phòng, chống tham nhũng, tiêu cực",
        "giảm nghèo bền vững", "quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng", "công tác cán bộ",
        "phát triển kinh tế tập thể, hợp tác xã", "công tác dân vận của hệ thống chính trị",
        "xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "phát triển du lịch gắn với Công viên địa chất toàn cầu UNESCO Đắk Nông",
        "phát triển công nghiệp bô-xít, alumin, nhôm", "phát triển hạ tầng giao thông", "công tác tôn giáo",
        "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số", "sắp xếp đơn vị hành chính cấp xã",
        "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "công tác phát triển đảng viên",
        "bảo đảm an ninh chính trị, trật tự an toàn xã hội", "cải cách hành chính", "xây dựng nền quốc phòng toàn dân",
        "phát triển hồ tiêu, sầu riêng theo chuỗi giá trị", "phát triển năng lượng tái tạo", "bảo vệ môi trường",
        "tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025 – 2030", "công tác bảo vệ chính trị nội bộ",
        "thu hút đầu tư và cải thiện môi trường kinh doanh", "phát triển giáo dục và đào tạo", "chăm sóc sức khỏe Nhân dân",
        "quản lý đất đai và tài nguyên khoáng sản", "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
        "phòng, chống ma túy", "công tác thông tin đối ngoại", "phát triển văn hóa, con người Đắk Nông",
        "ổn định dân di cư tự do", "công tác tiếp công dân, giải quyết khiếu nại, tố cáo"};

    static final String[] ISSUERS = {
        "Ủy ban nhân dân tỉnh Đắk Nông", "Ban Chấp hành Trung ương", "Văn phòng Trung ương Đảng", "Ban Tổ chức Trung ương",
        "Ban Tuyên giáo Trung ương", "Ủy ban Kiểm tra Trung ương", "Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
        "Hội đồng nhân dân tỉnh Đắk Nông", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Nông", "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Tài chính",
        "Công an tỉnh Đắk Nông", "Bộ Chỉ huy Quân sự tỉnh Đắk Nông", "Huyện ủy Cư Jút", "Huyện ủy Krông Nô", "Huyện ủy Đắk Mil",
        "Huyện ủy Đắk Song", "Huyện ủy Đắk R'Lấp", "Huyện ủy Đắk Glong", "Huyện ủy Tuy Đức", "Thành ủy Gia Nghĩa",
        "Ủy ban nhân dân huyện Cư Jút", "Ủy ban nhân dân huyện Đắk Mil", "Tỉnh đoàn Đắk Nông", "Hội Nông dân tỉnh"};

    /** Notation suffix of each issuer, as printed on its documents. */
    static final String[] ISSUER_NOTATION = {
        "UBND", "TW", "VPTW", "BTCTW", "BTGTW", "UBKTTW", "TU", "VPTU", "BTCTU", "BTGTU", "UBKTTU", "BDVTU", "BNCTU",
        "HĐND", "MTTQ-BTT", "SNN", "SKHĐT", "STNMT", "STTTT", "SNV", "STC", "CAT", "BCH", "HU", "HU", "HU", "HU", "HU", "HU",
        "HU", "TU", "UBND", "UBND", "TĐ", "HND"};

    static final String[] PLACES = {"Cư Jút", "Krông Nô", "Đắk Mil", "Đắk Song", "Đắk R'Lấp", "Đắk Glong", "Tuy Đức",
        "Gia Nghĩa", "Nâm N'Jang", "Quảng Khê", "Đắk Ha", "Nhân Cơ", "Quảng Phú", "Thuận An", "Tâm Thắng", "Ea Pô",
        "Nam Dong", "Đắk Wil", "Quảng Sơn", "Đạo Nghĩa"};

    static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lưu", "Tôn"};
    static final String[] MIDDLE = {"Văn", "Thị", "Thanh", "Minh", "Quốc", "Hữu", "Đức", "Ngọc", "Xuân", "Thu"};
    static final String[] GIVEN = {"Hùng", "Lan", "Bình", "Dũng", "Hà", "Hương", "Sơn", "Tuấn", "Thảo", "Nam", "Phương",
        "Trung", "Danh", "Quý", "Hải", "Yến", "Khánh", "Long", "Nhung", "Thắng"};
    static final String[] POSITIONS = {"Bí thư", "Phó Bí thư Thường trực", "Phó Bí thư", "Chánh Văn phòng",
        "Phó Chánh Văn phòng", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban", "Phó Trưởng ban", "Giám đốc"};
    static final String[] COMPETENCE = {"T/M", "K/T", "T/L", "", "", ""};

    static final String[] ACHIEVEMENTS = {
        "trồng mới %d ha rừng và cây phân tán", "có thêm %d xã đạt chuẩn nông thôn mới", "kết nạp %d đảng viên mới",
        "giảm %d hộ nghèo so với đầu năm", "đưa %d thủ tục hành chính lên Cổng dịch vụ công trực tuyến toàn trình",
        "tái canh %d ha cà phê già cỗi", "cấp %d giấy chứng nhận quyền sử dụng đất", "tổ chức %d lớp bồi dưỡng lý luận chính trị",
        "xử lý %d vụ vi phạm lâm luật", "hoàn thành %d công trình giao thông nông thôn"};
    static final String[] PROBLEMS = {
        "việc chuyển đổi cơ cấu cây trồng ở một số nơi còn chậm", "nguồn lực đầu tư còn hạn chế",
        "tình trạng phá rừng, lấn chiếm đất rừng vẫn còn diễn ra", "chất lượng sinh hoạt chi bộ ở một số nơi chưa cao",
        "hạ tầng số ở vùng sâu, vùng xa chưa đồng bộ", "giá cà phê, hồ tiêu biến động ảnh hưởng đến thu nhập của Nhân dân",
        "công tác phối hợp giữa các cơ quan có lúc chưa chặt chẽ", "tỷ lệ hộ nghèo trong đồng bào dân tộc thiểu số còn cao",
        "tình hình an ninh trật tự ở một số địa bàn giáp ranh còn tiềm ẩn phức tạp"};
    static final String[] CLOSINGS = {
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy căn cứ nội dung văn bản này xây dựng kế hoạch cụ thể, tổ chức thực"
            + " hiện phù hợp với tình hình thực tế của địa phương, đơn vị.",
        "Đây là nhiệm vụ chính trị quan trọng, thường xuyên của cả hệ thống chính trị, đòi hỏi sự vào cuộc quyết liệt của"
            + " người đứng đầu cấp ủy, chính quyền các cấp.",
        "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.",
        "Ủy ban Kiểm tra Tỉnh ủy tăng cường kiểm tra, giám sát việc thực hiện; kịp thời phát hiện, xử lý nghiêm các tổ chức,"
            + " cá nhân vi phạm.",
        "Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp tình hình, định kỳ báo cáo Ban Thường vụ Tỉnh ủy.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo về Thường trực Tỉnh ủy (qua Văn phòng Tỉnh ủy)"
            + " để xem xét, chỉ đạo.",
        "Nơi nhận: như trên; Thường trực Tỉnh ủy (báo cáo); lưu Văn phòng Tỉnh ủy."};
    static final String[] RECIPIENTS = {"Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Các ban, sở, ngành, đoàn thể tỉnh",
        "Các đồng chí Tỉnh ủy viên", "Thường trực Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"};

    static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String typeCode(SplittableRandom r) {
        int total = 0;
        for (int w : TYPE_WEIGHTS) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < TYPES.length; i++) {
            x -= TYPE_WEIGHTS[i];
            if (x < 0) {
                return TYPES[i];
            }
        }
        return "CV";
    }

    static String person(SplittableRandom r) {
        return pick(r, FAMILY) + " " + pick(r, MIDDLE) + " " + pick(r, GIVEN);
    }

    /** A subject (trích yếu) as a document of this type would carry it. */
    static String subject(SplittableRandom r, String type, int year, String topic) {
        int n = 1 + r.nextInt(60);
        return switch (type) {
            case "NQ" -> "Nghị quyết về " + topic + " giai đoạn " + year + " – " + (year + 5) + ", định hướng đến năm 2035";
            case "QĐ" -> r.nextBoolean() ? "Quyết định thành lập Ban Chỉ đạo " + topic + " của Tỉnh ủy"
                    : "Quyết định ban hành Quy chế phối hợp về " + topic;
            case "CT" -> "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với " + topic;
            case "KL" -> "Kết luận của Ban Thường vụ Tỉnh ủy về " + topic;
            case "TB" -> r.nextBoolean() ? "Thông báo kết luận của Thường trực Tỉnh ủy về " + topic
                    : "Thông báo ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy về " + topic + " tại huyện " + pick(r, PLACES);
            case "BC" -> r.nextBoolean() ? "Báo cáo kết quả thực hiện " + topic + " năm " + year
                    : "Báo cáo sơ kết " + (1 + r.nextInt(5)) + " năm thực hiện Chỉ thị số " + n + "-CT/TW về " + topic;
            case "KH" -> r.nextBoolean() ? "Kế hoạch triển khai " + topic + " năm " + year
                    : "Kế hoạch kiểm tra, giám sát việc thực hiện " + topic;
            case "HD" -> "Hướng dẫn thực hiện " + topic;
            case "TTr" -> "Tờ trình về việc phê duyệt đề án " + topic;
            case "GM" -> "Giấy mời dự hội nghị sơ kết " + topic + " tại huyện " + pick(r, PLACES);
            default -> switch (r.nextInt(4)) {
                case 0 -> "Về việc triển khai Nghị quyết số " + n + "-NQ/TU về " + topic;
                case 1 -> "Về việc góp ý dự thảo báo cáo " + topic;
                case 2 -> "Về việc cử cán bộ tham gia Đoàn kiểm tra " + topic + " tại huyện " + pick(r, PLACES);
                default -> "Về việc báo cáo tình hình " + topic + " quý " + (1 + r.nextInt(4)) + " năm " + year;
            };
        };
    }

    /** A figure paragraph fitting the topic, as reports and directives quote them. */
    static String figures(SplittableRandom r, String topic) {
        if (topic.contains("cà phê") || topic.contains("hồ tiêu")) {
            return "Diện tích cà phê toàn tỉnh đạt " + String.format(Locale.ROOT, "%,d", 130_000 + r.nextInt(10_000))
                    + " ha, năng suất bình quân " + (2 + r.nextInt(2)) + "," + r.nextInt(10) + " tấn/ha; có "
                    + String.format(Locale.ROOT, "%,d", 10_000 + r.nextInt(20_000))
                    + " ha được chứng nhận sản xuất bền vững (4C, Rainforest Alliance); hồ tiêu đạt "
                    + String.format(Locale.ROOT, "%,d", 30_000 + r.nextInt(5_000)) + " ha.";
        }
        if (topic.contains("rừng")) {
            return "Toàn tỉnh hiện có " + String.format(Locale.ROOT, "%,d", 230_000 + r.nextInt(20_000)) + " ha đất có rừng, tỷ lệ che phủ"
                    + " rừng đạt " + (36 + r.nextInt(5)) + "," + r.nextInt(10) + "%; trong kỳ phát hiện " + (20 + r.nextInt(200))
                    + " vụ vi phạm lâm luật, thu hồi " + (10 + r.nextInt(300)) + " m³ gỗ các loại.";
        }
        if (topic.contains("chuyển đổi số") || topic.contains("hành chính")) {
            return (70 + r.nextInt(30)) + "% hồ sơ công việc tại cấp tỉnh, " + (50 + r.nextInt(40)) + "% tại cấp huyện được xử lý trên"
                    + " môi trường mạng; " + (80 + r.nextInt(20)) + "% văn bản đi được ký số; " + (40 + r.nextInt(50))
                    + "% thủ tục hành chính được cung cấp trực tuyến toàn trình.";
        }
        if (topic.contains("nông thôn mới")) {
            return "Toàn tỉnh có " + (25 + r.nextInt(30)) + "/60 xã đạt chuẩn nông thôn mới, " + r.nextInt(10)
                    + " xã đạt chuẩn nông thôn mới nâng cao; bình quân mỗi xã đạt " + (14 + r.nextInt(5)) + " tiêu chí.";
        }
        if (topic.contains("nghèo") || topic.contains("dân tộc") || topic.contains("di cư")) {
            return "Tỷ lệ hộ nghèo giảm còn " + (3 + r.nextInt(8)) + "," + r.nextInt(10) + "%, riêng hộ nghèo đồng bào dân tộc thiểu số"
                    + " tại chỗ còn " + (10 + r.nextInt(15)) + "%; đã hỗ trợ nhà ở cho " + (100 + r.nextInt(900)) + " hộ.";
        }
        if (topic.contains("Đảng") || topic.contains("đảng") || topic.contains("cán bộ")) {
            return "Toàn Đảng bộ tỉnh có " + (600 + r.nextInt(100)) + " tổ chức cơ sở đảng với "
                    + String.format(Locale.ROOT, "%,d", 38_000 + r.nextInt(4_000)) + " đảng viên; trong kỳ kết nạp "
                    + (800 + r.nextInt(900)) + " đảng viên mới, thi hành kỷ luật " + (20 + r.nextInt(80)) + " đảng viên.";
        }
        return "Tổng kinh phí thực hiện dự kiến " + String.format(Locale.ROOT, "%,d", 500 + r.nextInt(50_000))
                + " triệu đồng từ ngân sách tỉnh, ngân sách huyện và các nguồn vốn hợp pháp khác.";
    }

    /** The text layer of the main file: a few paragraphs on the document's topic, as a directive or report would have them. */
    static String body(SplittableRandom r, String subject, String topic, String issuer, String home, int year) {
        StringBuilder b = new StringBuilder(2400);
        b.append(issuer.toUpperCase(Locale.ROOT)).append("\n").append(subject).append("\n\n");
        b.append("Thực hiện Nghị quyết số ").append(1 + r.nextInt(40)).append("-NQ/TU ngày ").append(1 + r.nextInt(28))
                .append('/').append(1 + r.nextInt(12)).append('/').append(year - r.nextInt(3))
                .append(" của Ban Thường vụ Tỉnh ủy về ").append(pick(r, TOPICS)).append(", ").append(home)
                .append(" đề nghị các cấp ủy, tổ chức đảng trực thuộc quán triệt, triển khai thực hiện nghiêm túc các nội dung sau:\n");
        int paragraphs = 2 + r.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            b.append(p + 1).append(". ");
            switch (r.nextInt(5)) {
                case 0 -> b.append("Tăng cường công tác lãnh đạo, chỉ đạo, nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về ")
                        .append(topic).append(". Người đứng đầu cấp ủy, chính quyền chịu trách nhiệm trực tiếp về kết quả thực hiện.");
                case 1 -> b.append("Trong năm ").append(year).append(", toàn tỉnh đã ")
                        .append(String.format(Locale.ROOT, pick(r, ACHIEVEMENTS), 5 + r.nextInt(900))).append("; tuy nhiên, ")
                        .append(pick(r, PROBLEMS)).append(". Huyện ").append(pick(r, PLACES)).append(" và huyện ")
                        .append(pick(r, PLACES)).append(" cần tập trung khắc phục trong thời gian tới.");
                case 2 -> b.append(figures(r, topic));
                case 3 -> b.append("Thời gian thực hiện từ tháng ").append(1 + r.nextInt(6)).append('/').append(year)
                        .append(" đến hết tháng ").append(7 + r.nextInt(6)).append('/').append(year)
                        .append("; sơ kết vào quý ").append(2 + r.nextInt(2)).append(", tổng kết vào cuối năm.");
                default -> b.append("Giao ").append(pick(r, ISSUERS)).append(" chủ trì, phối hợp với ").append(pick(r, ISSUERS))
                        .append(" tham mưu xây dựng kế hoạch thực hiện ").append(topic)
                        .append(", báo cáo kết quả về Thường trực Tỉnh ủy trước ngày ").append(1 + r.nextInt(28)).append('/')
                        .append(1 + r.nextInt(12)).append('/').append(year).append('.');
            }
            b.append(' ').append(pick(r, CLOSINGS)).append('\n');
        }
        b.append(pick(r, POSITIONS)).append("\n").append(person(r));
        return b.toString();
    }

    // --- loading ---------------------------------------------------------------------------------------

    /** Registers of the corpus for each agency: [incoming, outgoing], created when missing. */
    static Map<UUID, UUID[]> registers(Connection c, List<Agency> agencies) throws SQLException {
        Map<UUID, UUID[]> out = new HashMap<>();
        try (PreparedStatement find = c.prepareStatement("SELECT id, kind FROM registry.register WHERE agency_id = ? AND name IN (?, ?)");
             PreparedStatement add = c.prepareStatement("INSERT INTO registry.register (id, agency_id, kind, name, scope,"
                     + " notation_template, created_at) VALUES (?,?,?,?,?,'{number}-{type}/{agency}',now())")) {
            for (Agency a : agencies) {
                UUID[] pair = new UUID[2];
                find.setObject(1, a.id());
                find.setString(2, INCOMING_NAME);
                find.setString(3, OUTGOING_NAME);
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        pair["incoming".equals(rs.getString(2)) ? 0 : 1] = rs.getObject(1, UUID.class);
                    }
                }
                for (int k = 0; k < 2; k++) {
                    if (pair[k] == null) {
                        pair[k] = Ids.newId();
                        add.setObject(1, pair[k]);
                        add.setObject(2, a.id());
                        add.setString(3, k == 0 ? "incoming" : "outgoing");
                        add.setString(4, k == 0 ? INCOMING_NAME : OUTGOING_NAME);
                        add.setString(5, k == 0 ? "year" : "type-term");
                        add.executeUpdate();
                    }
                }
                out.put(a.id(), pair);
            }
        }
        return out;
    }

    /** Every corpus register of every agency. */
    static List<UUID> registerIds(DataSource ds) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM registry.register WHERE name IN (?, ?)")) {
            ps.setString(1, INCOMING_NAME);
            ps.setString(2, OUTGOING_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /**
     * Removes the generated documents and the corpus registers' counters (for a fresh corpus after the generator
     * changed); refuses if anybody registered a real document into a corpus register.
     */
    static long drop(DataSource ds) throws SQLException {
        String corpus = "SELECT id FROM registry.register WHERE name IN ('" + INCOMING_NAME + "', '" + OUTGOING_NAME + "')";
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('chidao.bench.corpus'))");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM registry.document WHERE register_id IN (" + corpus + ")"
                    + " AND registered_by <> '" + CLERK + "'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new RegistryBench.Refused(rs.getLong(1) + " documents in the corpus registers were not generated: not"
                            + " removing the corpus", null);
                }
            }
            String docs = "SELECT id FROM registry.document WHERE register_id IN (" + corpus + ")";
            st.executeUpdate("DELETE FROM registry.access_log WHERE document_id IN (" + docs + ")");
            st.executeUpdate("DELETE FROM registry.document_file WHERE document_id IN (" + docs + ")");
            long n = st.executeUpdate("DELETE FROM registry.document WHERE register_id IN (" + corpus + ")");
            st.executeUpdate("DELETE FROM registry.counter WHERE register_id IN (" + corpus + ")");
            c.commit();
            return n;
        }
    }

    /** Documents in the corpus registers. */
    static long count(Connection c, String extra, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM registry.document d JOIN registry.register r"
                + " ON r.id = d.register_id WHERE r.name IN (?, ?)" + extra)) {
            ps.setString(1, INCOMING_NAME);
            ps.setString(2, OUTGOING_NAME);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 3, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Refuses, naming the numbers, when the file system under {@code pgData} lacks room for {@code documents} more. */
    static void checkDisk(Path pgData, long documents) throws IOException {
        if (documents <= 0) {
            return;
        }
        Path p = pgData;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        long free = Files.getFileStore(p).getUsableSpace();
        long needed = documents * BYTES_PER_DOCUMENT * 3 / 2 + (2L << 30);
        if (free < needed) {
            throw new RegistryBench.Refused(String.format(Locale.ROOT, "Not enough free disk for %,d more documents: about %.1f GiB"
                    + " needed (1.5 x %,d bytes per document for table and indexes, plus 2 GiB for WAL), only %.1f GiB free on the"
                    + " file system of %s. Free space or ask for fewer documents (-Dbench.documents=).", documents, needed / 1073741824.0,
                    BYTES_PER_DOCUMENT, free / 1073741824.0, p), null);
        }
    }

    /**
     * Brings the corpus to {@code target} documents (adds the missing ones; never removes any), spread over
     * {@code agencies} with {@link #HOME_SHARE} in {@code home}, then {@code VACUUM (ANALYZE)} the table.
     */
    public static Loaded load(DataSource ds, List<Agency> agencies, UUID home, long target, Path pgData) throws Exception {
        long t0 = System.nanoTime();
        Map<UUID, UUID[]> regs;
        long before;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('chidao.bench.corpus'))");
            }
            regs = registers(c, agencies);
            c.commit();
            before = count(c, "");
        }
        long toAdd = Math.max(0, target - before);
        checkDisk(pgData, toAdd);
        String walStart = wal(ds);
        Agency homeAgency = agencies.stream().filter(a -> a.id().equals(home)).findFirst().orElseThrow();
        List<Agency> others = agencies.stream().filter(a -> !a.id().equals(home)).toList();
        LocalDate lastDay = LocalDate.now(VN).minusDays(1);
        long span = ChronoUnit.DAYS.between(FIRST_DAY, lastDay) + 1;
        String copy = "COPY registry.document (id, register_id, agency_id, kind, number, period, counter_type, notation,"
                + " type_code, issued_date, organ_name, organ_id, subject, language, page_amount, description, signer_position,"
                + " signer_name, signer_competence, to_units, to_places, priority, issued_amount, due_date, arrival_date,"
                + " arrival_method, original_number, original_notation, edxml_document_id, secrecy, stub, backfilled,"
                + " incident_ref, status, void_reason, registered_by, registered_at, updated_at, body_text) FROM STDIN (FORMAT csv)";
        for (long from = before; from < target; from += BATCH) {
            long to = Math.min(target, from + BATCH);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_xact_lock(hashtext('chidao.bench.corpus'))");
                }
                Map<String, Integer> next = new HashMap<>(); // register|period|type -> last number
                StringBuilder csv = new StringBuilder((int) (to - from) * 2600);
                for (long i = from; i < to; i++) {
                    SplittableRandom r = new SplittableRandom(0x5eed_c0ffeeL * 31 + i);
                    Agency a = others.isEmpty() || r.nextDouble() < HOME_SHARE ? homeAgency : others.get(r.nextInt(others.size()));
                    boolean incoming = r.nextInt(100) < 65;
                    UUID register = regs.get(a.id())[incoming ? 0 : 1];
                    String type = typeCode(r);
                    LocalDate day = FIRST_DAY.plusDays(r.nextLong(span));
                    Instant at = day.atTime(7 + r.nextInt(10), r.nextInt(60), r.nextInt(60)).atZone(VN).toInstant()
                            .plusNanos(r.nextInt(1_000_000) * 1000L);
                    LocalDate issued = day.minusDays(incoming ? 1 + r.nextInt(10) : 0);
                    boolean stub = !incoming && r.nextInt(100) == 0;
                    String period = incoming ? Integer.toString(day.getYear()) : day.isBefore(TERM_CHANGE) ? "2020–2025" : "2025–2030";
                    String counterType = incoming ? "" : type;
                    String key = register + "|" + period + "|" + counterType;
                    Integer last = next.get(key);
                    if (last == null) {
                        last = lastNumber(c, register, period, counterType);
                    }
                    int number = last + 1;
                    next.put(key, number);
                    int issuerIx = r.nextInt(ISSUERS.length);
                    String issuer = incoming ? ISSUERS[issuerIx] : a.name();
                    String originalNumber = incoming ? Integer.toString(1 + r.nextInt(900)) : null;
                    String originalNotation = incoming ? (type.equals("NQ") || type.equals("KL") || type.equals("CT")
                            ? originalNumber + "-" + type + "/" + ISSUER_NOTATION[issuerIx]
                            : originalNumber + "/" + type + "-" + ISSUER_NOTATION[issuerIx]) : null;
                    String notation = incoming ? originalNotation : String.format(Locale.ROOT, "%02d-%s/%s", number, type, a.code());
                    String topic = pick(r, TOPICS);
                    String subject = subject(r, type, day.getYear(), topic);
                    String body = r.nextInt(100) < 15 ? "" : body(r, subject, topic, issuer, a.name(), day.getYear());
                    boolean isVoid = r.nextInt(100) < 2;
                    String[] signer = {pick(r, POSITIONS), person(r), pick(r, COMPETENCE)};
                    List<String> toUnits = incoming || stub ? List.of() : List.of(pick(r, RECIPIENTS), RECIPIENTS[4]);
                    Object[] row = {Ids.newId(), register, a.id(), incoming ? "incoming" : "outgoing", number, period, counterType,
                        notation, type, issued, stub ? null : issuer, null, stub ? null : subject, "Tiếng Việt", 1 + r.nextInt(24), null,
                        signer[0], signer[1], signer[2].isEmpty() ? null : signer[2], pgArray(toUnits), "{}",
                        r.nextInt(100) < 85 ? 0 : 1 + r.nextInt(3), incoming ? null : 5 + r.nextInt(60),
                        r.nextInt(100) < 20 ? day.plusDays(7 + r.nextInt(30)) : null, incoming ? day : null,
                        incoming ? new String[] {"system", "post", "hand", "email"}[r.nextInt(4)] : null, originalNumber, originalNotation,
                        null, stub ? "mat" : "none", stub, false, null, isVoid ? "void" : "registered",
                        isVoid ? "Đăng ký nhầm sổ" : null, CLERK, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC), stub ? "" : body};
                    csvRow(csv, row);
                }
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(copy, new StringReader(csv.toString()));
                try (PreparedStatement up = c.prepareStatement("INSERT INTO registry.counter (register_id, period, doc_type, last_number)"
                        + " VALUES (?::uuid,?,?,?) ON CONFLICT (register_id, period, doc_type) DO UPDATE SET last_number = EXCLUDED.last_number")) {
                    for (Map.Entry<String, Integer> e : next.entrySet()) {
                        String[] k = e.getKey().split("\\|", -1);
                        up.setString(1, k[0]);
                        up.setString(2, k[1]);
                        up.setString(3, k[2]);
                        up.setInt(4, e.getValue());
                        up.addBatch();
                    }
                    up.executeBatch();
                }
                c.commit();
            }
            if (target - before > 50_000 && ((to - before) % 50_000 == 0 || to == target)) {
                System.out.printf(Locale.ROOT, "corpus: %,d / %,d documents (%.0f s)%n", to, target, (System.nanoTime() - t0) / 1e9);
            }
        }
        long total;
        long homeTotal;
        long bytes;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM (ANALYZE) registry.document");
            }
            total = count(c, "");
            homeTotal = count(c, " AND d.agency_id = ?", home);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('registry.document')")) {
                rs.next();
                bytes = rs.getLong(1);
            }
        }
        long walBytes;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
            ps.setString(1, walStart);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                walBytes = rs.getLong(1);
            }
        }
        return new Loaded(before, toAdd, total, homeTotal, (System.nanoTime() - t0) / 1e9, bytes, walBytes);
    }

    private static String wal(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int lastNumber(Connection c, UUID register, String period, String counterType) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_number FROM registry.counter WHERE register_id = ? AND period = ?"
                + " AND doc_type = ?")) {
            ps.setObject(1, register);
            ps.setString(2, period);
            ps.setString(3, counterType);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    static String pgArray(List<String> items) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    /** One CSV line: null as an empty unquoted field, everything else quoted. */
    static void csvRow(StringBuilder b, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = row[i];
            if (v != null) {
                b.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            }
        }
        b.append('\n');
    }

    /** The agencies of a demo tree without the account module's data: for the node-less smoke run. */
    static List<Agency> demoAgencies() {
        List<Agency> out = new ArrayList<>();
        String[][] named = {{"TU", "Tỉnh ủy Đắk Nông"}, {"VPTU", "Văn phòng Tỉnh ủy"}, {"BTCTU", "Ban Tổ chức Tỉnh ủy"},
            {"BTGTU", "Ban Tuyên giáo Tỉnh ủy"}, {"UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"}, {"BDVTU", "Ban Dân vận Tỉnh ủy"},
            {"HUCJ", "Huyện ủy Cư Jút"}, {"HUKN", "Huyện ủy Krông Nô"}, {"HUĐM", "Huyện ủy Đắk Mil"}, {"HUĐS", "Huyện ủy Đắk Song"},
            {"HUĐR", "Huyện ủy Đắk R'Lấp"}, {"HUĐG", "Huyện ủy Đắk Glong"}, {"HUTĐ", "Huyện ủy Tuy Đức"}, {"TUGN", "Thành ủy Gia Nghĩa"},
            {"ĐUTT", "Đảng ủy xã Tâm Thắng"}, {"ĐUNĐ", "Đảng ủy xã Nam Dong"}, {"ĐUQK", "Đảng ủy xã Quảng Khê"}};
        for (String[] n : named) {
            out.add(new Agency(UUID.nameUUIDFromBytes(("chidao-bench-agency:" + n[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    n[0], n[1]));
        }
        return out;
    }
}
