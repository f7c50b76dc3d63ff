package vn.chidao.itests.karaf;

import static org.junit.Assert.fail;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.AGENCY_STAFF;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.OWN_AGENCY;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.PUBLIC_DATA;
import static vn.chidao.itests.karaf.AuthorizationMatrix.Rule.ROLES_ONLY;
import static vn.chidao.itests.karaf.RegistryFixture.citing;
import static vn.chidao.itests.karaf.RegistryFixture.id;
import static vn.chidao.itests.karaf.RegistryFixture.outgoing;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.fasterxml.jackson.databind.JsonNode;

import vn.chidao.itests.support.TestPdf;

/**
 * The registry API's authorization matrix (see {@link AuthorizationMatrix}): every operation under
 * /api/v1/registry, as every role from the own and a foreign agency. Registers, terms and books are the
 * agency's (system administrators set up and read everywhere); documents are read by the agency's people
 * and written by its clerk only — a system administrator writes no agency's entries (403). The lists of
 * one agency hold nothing of another, a search finds nothing of another's text, and a foreign document,
 * register or file answers exactly like a random one.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RegistryMatrixIT extends AuthorizationMatrix<RegistryMatrixIT.RegistrySide> {

    static final String BASE = RegistryFixture.API;
    static final Set<String> REPEATS = Set.of("document-void");
    static final byte[] PDF = TestPdf.withText("Tai lieu ma tran phan quyen");
    /** Terms are one day each, far in the past, so that every allowed call adds one without overlap. */
    private static final AtomicInteger TERM_DAYS = new AtomicInteger();

    /** One agency of the fixture with its people, its outgoing register, a document with a file and documents to void. */
    static final class RegistrySide extends Side {
        UUID register;
        UUID document;
        String sha;
        /** A word only this agency's file holds, to search for. */
        String word;
        Pool voidable;

        RegistrySide(String name) {
            super(name);
        }
    }

    static final List<Op<RegistrySide>> TABLE = List.of(
            // document types: reference data for every signed-in person, edited by system administrators
            op("GET", "/registers/types", "", PUBLIC_DATA, NO_TARGET, c -> c.get("/registers/types")),
            op("POST", "/registers/types", SA, ROLES_ONLY, NO_TARGET, c -> c.post("/registers/types", json("code",
                    "MT" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000), "name", "Loại thử ma trận", "active", false))),

            // an agency's registers, terms and books: read by its people, set up by its clerk and administrator
            op("GET", "/registers", "", OWN_AGENCY, AGENCY, c -> c.get("/registers?agencyId=" + c.agency())),
            op("POST", "/registers", CLERK + "," + AA, OWN_AGENCY, AGENCY, c -> c.post("/registers", json("agencyId", c.agency(),
                    "kind", "incoming", "name", "Sổ ma trận " + c.tag()))),
            op("GET", "/registers/terms", "", OWN_AGENCY, AGENCY, c -> c.get("/registers/terms?agencyId=" + c.agency())),
            op("POST", "/registers/terms", CLERK + "," + AA, OWN_AGENCY, AGENCY, c -> c.post("/registers/terms", term(c.agency()))),
            op("GET", "/registers/{id}/book", "", OWN_AGENCY, AGENCY,
                    c -> c.get("/registers/" + c.pick(c.side.register) + "/book?period=2026")),

            // uploads: on behalf of the acting agency, by its clerks and specialists
            op("POST", "/files", CLERK + "," + SPECIALIST, AGENCY_STAFF, NO_TARGET,
                    c -> c.upload("/files?name=ma-tran.pdf", PDF, "application/pdf")),

            // documents: read by the agency's people (each read logged), written by its clerk
            op("GET", "/documents", "", ROLES_ONLY, NO_TARGET, c -> c.get("/documents?size=200"),
                    "the list holds the caller's agencies' documents only: checked by the leak test"),
            op("POST", "/documents", CLERK, AGENCY_STAFF, AGENCY, c -> c.post("/documents", AccountFixture.body(
                    citing(outgoing(c.pick(c.side.register), "CV", "Công văn ma trận " + c.tag()), c.side.sha)))),
            op("GET", "/documents/{id}", "", OWN_AGENCY, AGENCY, c -> c.get("/documents/" + c.pick(c.side.document))),
            op("GET", "/documents/{id}/history", "", OWN_AGENCY, AGENCY,
                    c -> c.get("/documents/" + c.pick(c.side.document) + "/history")),
            op("GET", "/documents/{id}/access", LEADER, OWN_AGENCY, AGENCY,
                    c -> c.get("/documents/" + c.pick(c.side.document) + "/access")),
            op("GET", "/documents/{id}/files/{sha256}", "", OWN_AGENCY, AGENCY,
                    c -> c.get("/documents/" + c.pick(c.side.document) + "/files/" + c.side.sha)),
            op("POST", "/documents/{id}/corrections", CLERK, AGENCY_STAFF, AGENCY,
                    c -> c.post("/documents/" + c.pick(c.side.document) + "/corrections", json("changes",
                            Map.of("description", "Ghi chú ma trận " + c.tag()), "reason", "kiểm thử"))),
            op("POST", "/documents/{id}/void", CLERK, AGENCY_STAFF, AGENCY,
                    c -> c.post("/documents/" + c.take(c.side.voidable) + "/void", REASON)));

    static String term(UUID agency) throws IOException {
        LocalDate day = LocalDate.of(1900, 1, 1).plusDays(TERM_DAYS.getAndIncrement());
        return json("agencyId", agency, "name", "Nhiệm kỳ ma trận " + day, "startsOn", day.toString(), "endsOn", day.toString());
    }

    public RegistryMatrixIT() {
        super(BASE, TABLE, REPEATS);
    }

    @Override
    AccountFixture.Person system() {
        return system;
    }

    @Override
    List<Pool> pools() {
        return List.of(sideX.voidable, sideY.voidable);
    }

    // --- fixture: two agencies, every role in each, a register, a document with a file, documents to void

    private static RegistrySide sideX;
    private static RegistrySide sideY;
    private static AccountFixture.Person system;
    private static RegistryFixture reg;

    @Override
    synchronized List<RegistrySide> sides() throws IOException {
        if (sideX == null) {
            AccountFixture f = new AccountFixture(this);
            reg = new RegistryFixture(this, f);
            RegistrySide x = side(f, "X");
            RegistrySide y = side(f, "Y");
            system = f.person("hethong", null, SA);
            sideY = y;
            sideX = x;
        }
        return List.of(sideX, sideY);
    }

    private RegistrySide side(AccountFixture f, String name) throws IOException {
        RegistrySide s = new RegistrySide(name);
        s.populate(f, "Cơ quan Ma trận Sổ " + name);
        String clerk = s.token(CLERK);
        s.register = reg.register("outgoing", clerk);
        f.ok(201, http.postJson(BASE + "/registers/terms", term(s.agency), clerk));
        s.word = "matran" + name.toLowerCase() + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).replaceAll("\\d", "");
        s.sha = reg.upload("Tai lieu cua co quan " + s.word, clerk);
        s.document = id(reg.registration(citing(outgoing(s.register, "CV", "Công văn của cơ quan " + name), s.sha), clerk));
        List<UUID> voidable = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            voidable.add(id(reg.registration(outgoing(s.register, "TB", "Thông báo sẽ hủy " + i), clerk)));
        }
        s.voidable = new Pool("document to void of " + name, voidable);
        return s;
    }

    // --- the leak test -------------------------------------------------------------------------------

    @Test(timeout = 300_000)
    public void a3NothingOfAnotherAgencyLeaksFromListsSearchOrNotFoundAnswers() throws Exception {
        List<String> failures = new ArrayList<>();
        for (RegistrySide own : sides()) {
            RegistrySide foreign = own == sideX ? sideY : sideX;
            Set<String> secrets = secretsOf(foreign);
            for (String role : AGENCY_ROLES) {
                String token = own.token(role);
                String who = role + "@" + own.name;
                for (String path : List.of("/documents?size=200", "/registers", "/registers/terms")) {
                    checkList(who, path, http.get(BASE + path, token), own.agency, secrets, failures);
                }
                // the text of a file is searched within the caller's agencies only; the own one is found
                if (reg.found(foreign.word, token) != 0 || reg.found(own.word, token) < 1) {
                    failures.add(who + ": searching the foreign file's word found " + reg.found(foreign.word, token)
                            + ", the own file's word " + reg.found(own.word, token));
                }
                UUID random = UUID.randomUUID();
                String randomSha = "0".repeat(64);
                checkSameNotFound(who, token, "/documents/" + foreign.document, "/documents/" + random, failures);
                checkSameNotFound(who, token, "/documents/" + foreign.document + "/history", "/documents/" + random + "/history",
                        failures);
                checkSameNotFound(who, token, "/documents/" + foreign.document + "/files/" + foreign.sha,
                        "/documents/" + random + "/files/" + foreign.sha, failures);
                // the own document does not serve a file it does not hold, known elsewhere or not
                checkSameNotFound(who, token, "/documents/" + own.document + "/files/" + foreign.sha,
                        "/documents/" + own.document + "/files/" + randomSha, failures);
                checkSameNotFound(who, token, "/registers/" + foreign.register + "/book?period=2026",
                        "/registers/" + random + "/book?period=2026", failures);
                checkSameNotFound(who, token, "/registers?agencyId=" + foreign.agency, "/registers?agencyId=" + random, failures);
                checkSameNotFound(who, token, "/registers/terms?agencyId=" + foreign.agency, "/registers/terms?agencyId=" + random,
                        failures);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " leaks:\n  " + String.join("\n  ", failures));
        }
    }

    /** Every id the agency's clerk sees in its registers and documents, its file, its people and its file's word. */
    private Set<String> secretsOf(RegistrySide s) throws IOException {
        Set<String> out = new LinkedHashSet<>(List.of(s.agency.toString(), s.register.toString(), s.document.toString(), s.sha,
                s.word));
        s.voidable.ids.forEach(v -> out.add(v.toString()));
        s.people.values().forEach(p -> {
            out.add(p.id().toString());
            out.add(p.username());
        });
        String clerk = s.token(CLERK);
        for (JsonNode r : AccountFixture.json(http.get(BASE + "/registers", clerk))) {
            out.add(r.path("id").asText());
        }
        for (JsonNode d : AccountFixture.json(http.get(BASE + "/documents?size=200", clerk)).path("items")) {
            out.add(d.path("id").asText());
            out.add(d.path("registeredBy").asText());
        }
        out.removeIf(v -> v == null || v.isBlank() || v.equals("null"));
        return out;
    }
}
