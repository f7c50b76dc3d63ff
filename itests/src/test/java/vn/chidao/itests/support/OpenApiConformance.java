package vn.chidao.itests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import vn.chidao.itests.oai.OpenApiCheck;

/**
 * Every exchange of the suite's HTTP client checked against the node's live OpenAPI document
 * (Atlassian's swagger-request-validator, in the test bundle chidao-oai-check): each answer must match
 * the document, and a request the document forbids must not be accepted (a 2xx). Requests the tests
 * send wrong on purpose are fine as long as the node refuses them. The document is fetched again when
 * a path is not in it, since modules come and go during the suite.
 */
public final class OpenApiConformance implements Http.Check {

    /** Exchanges checked by all clients of this JVM, for the record. */
    public static final AtomicLong CHECKED = new AtomicLong();
    /** Answers met in an application's rebuild window (CXF's HTML 404), left unchecked. */
    public static final AtomicLong REBUILDING = new AtomicLong();

    private final Http fetcher;
    private String document;
    private OpenApiCheck check;

    public OpenApiConformance(String base) {
        this.fetcher = new Http(base);
    }

    @Override
    public void exchange(String method, String path, Map<String, String> headers, String body, Http.Res answer) {
        if (!path.startsWith("/api/v1/") && !"/api/v1".equals(path)) {
            return; // Swagger UI, the fallback application and the console are not described
        }
        if (answer.status() == 404 && answer.body() != null && answer.body().contains("No service was found.")) {
            // CXF's page while RestPublisher rebuilds that module's application (old server gone, new one
            // not started): the update window issue 8 item 1 is about, not a matter of the document
            REBUILDING.incrementAndGet();
            return;
        }
        OpenApiCheck c = current(false);
        if (c == null && answer.status() >= 400) {
            return; // the node is not up yet (readiness polls): there is no document to hold it to
        }
        if (c == null) {
            throw new AssertionError("no OpenAPI document, yet " + method + " " + path + " answered " + answer.status());
        }
        List<String> request = c.request(method, path, headers, body);
        if (undescribed(request)) {
            c = current(true);
            request = c.request(method, path, headers, body);
            if (undescribed(request)) {
                if (answer.status() / 100 == 4 && answer.contentType().startsWith("application/problem+json")) {
                    return; // nothing there (or a request refused before any resource), and the node says so
                }
                throw new AssertionError("not in the OpenAPI document but answered " + answer.status() + " "
                        + answer.contentType() + ": " + method + " " + path);
            }
        }
        List<String> wrong = new ArrayList<>();
        if (answer.status() / 100 == 2) {
            request.forEach(m -> wrong.add("accepted a request the document forbids: " + m));
        }
        wrong.addAll(c.response(method, path, answer.status(), answer.headers().map(), answer.body()));
        if (CHECKED.incrementAndGet() % 500 == 0) {
            System.out.println("OpenAPI conformance: " + CHECKED.get() + " exchanges checked so far, " + REBUILDING.get()
                    + " met an application being rebuilt"); // for the record
        }
        if (!wrong.isEmpty() && answer.status() >= 400 && fetcher.get("/api/v1/openapi.json", null).status() != 200) {
            return; // the platform's application is away (database outage, restart): no document to hold the answer to
        }
        if (!wrong.isEmpty()) {
            String b = answer.body() == null ? "" : answer.body();
            throw new AssertionError("OpenAPI mismatch: " + method + " " + path + " -> " + answer.status() + " "
                    + answer.contentType() + "\n  " + String.join("\n  ", wrong) + "\n  body: "
                    + (b.length() > 600 ? b.substring(0, 600) + "…" : b));
        }
    }

    private static boolean undescribed(List<String> messages) {
        return messages.stream().anyMatch(m -> m.startsWith("validation.request.path.missing")
                || m.startsWith("validation.request.operation.notAllowed"));
    }

    private synchronized OpenApiCheck current(boolean refresh) {
        if (check == null || refresh) {
            Http.Res r = fetcher.get("/api/v1/openapi.json", null);
            if (r.status() != 200) {
                return check;
            }
            if (check == null || !r.body().equals(document)) {
                document = r.body();
                check = OpenApiCheck.of(document);
            }
        }
        return check;
    }
}
