package vn.chidao.itests.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON-over-HTTP client for the tests (JDK only, usable inside the container too). */
public final class Http {

    public record Res(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Looks at every exchange of a client; throws {@link AssertionError} when it breaks the API's description. */
    @FunctionalInterface
    public interface Check {
        void exchange(String method, String path, Map<String, String> headers, String body, Res answer);
    }

    private final String base;
    private final Check check;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Http(String base) {
        this(base, null);
    }

    public Http(String base, Check check) {
        this.base = base;
        this.check = check;
    }

    public Res send(String method, String path, String body, Map<String, String> headers) {
        Res r = exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers);
        if (check != null && r.status() > 0) {
            check.exchange(method, path, headers, body, r);
        }
        return r;
    }

    /** A binary upload: the bytes as the body, the declared type as Content-Type (the answer is checked, not the bytes). */
    public Res upload(String path, byte[] bytes, String contentType, String token) {
        Map<String, String> headers = Map.of("Content-Type", contentType, "Authorization", "Bearer " + token);
        Res r = exchange("POST", path, HttpRequest.BodyPublishers.ofByteArray(bytes), headers);
        if (check != null && r.status() > 0) {
            check.exchange("POST", path, headers, null, r);
        }
        return r;
    }

    /** The raw bytes of a GET (downloads). */
    public byte[] bytes(String path, String token) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET saved to a file (large downloads), waited for at most {@code bound}; a refusal's body is read back. */
    public Res download(String path, String token, java.nio.file.Path file, Duration bound) {
        try {
            HttpResponse<java.nio.file.Path> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(bound)
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofFile(file,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
            return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.statusCode() == 200 ? "" : java.nio.file.Files.readString(file), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Res exchange(String method, String path, HttpRequest.BodyPublisher publisher, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        b.method(method, publisher);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            return new Res(-1, "", e.toString(), java.net.http.HttpHeaders.of(Map.of(), (a, c) -> true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Res get(String path, String token) {
        return send("GET", path, null, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    public Res postJson(String path, String json, String token) {
        return token == null ? send("POST", path, json, Map.of("Content-Type", "application/json"))
                : send("POST", path, json, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token));
    }

    /** Polls until the condition holds or the bound passes; returns whether it held. */
    public static boolean await(Duration bound, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Pulls a top-level string field out of a small JSON object (tests only; avoids a JSON dependency in the probe). */
    public static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\]]+)")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1).trim();
    }
}
