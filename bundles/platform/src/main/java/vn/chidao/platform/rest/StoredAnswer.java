package vn.chidao.platform.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.chidao.platform.internal.Json;

/**
 * What the idempotency table keeps of a first answer, so that a retry can be answered without running
 * again: never a secret, never more than {@link #MAX_BYTES}.
 * <ul>
 * <li>JSON answers are kept with every secret field set to null ({@link #SECRET_FIELDS}, any field whose
 * name contains "password" when it holds a text, and any {@code otpauth:} URI): a secret is shown once, to the first answer;
 * a retry learns that the operation ran and sees everything else. Note {@code redacted}.</li>
 * <li>Answers that are not JSON, or larger than {@link #MAX_BYTES} once redacted, keep no body: a retry
 * gets the first status with no body. Note {@code omitted}.</li>
 * </ul>
 */
record StoredAnswer(byte[] body, String contentType, String note) {

    static final int MAX_BYTES = 64 * 1024;
    static final String REDACTED = "redacted";
    static final String OMITTED = "omitted";
    /** Response fields that carry secrets (compared without case). */
    static final Set<String> SECRET_FIELDS = Set.of("onetimepassword", "secret", "accesstoken", "refreshtoken",
            "csrftoken", "token", "password", "uri");

    static StoredAnswer of(Object entity, MediaType type) throws IOException {
        if (entity == null) {
            return new StoredAnswer(null, null, null);
        }
        boolean json = type == null || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("json");
        JsonNode tree = json ? tree(entity) : null;
        if (tree == null) {
            return new StoredAnswer(null, null, OMITTED);
        }
        boolean redacted = redact(tree);
        byte[] body = Json.MAPPER.writeValueAsBytes(tree);
        if (body.length > MAX_BYTES) {
            return new StoredAnswer(null, null, OMITTED);
        }
        return new StoredAnswer(body, type == null ? MediaType.APPLICATION_JSON : type.toString(), redacted ? REDACTED : null);
    }

    /** The entity as a JSON tree; null when it is not JSON that can be read here (streams, broken bytes). */
    private static JsonNode tree(Object entity) {
        try {
            if (entity instanceof byte[] b) {
                return Json.MAPPER.readTree(b);
            }
            if (entity instanceof String s) {
                return Json.MAPPER.readTree(s.getBytes(StandardCharsets.UTF_8));
            }
            if (entity instanceof java.io.InputStream || entity instanceof javax.ws.rs.core.StreamingOutput) {
                return null;
            }
            return Json.MAPPER.valueToTree(entity);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Sets every secret in the tree to null; true if one was found. */
    static boolean redact(JsonNode node) {
        boolean found = false;
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && secret(e.getKey(), e.getValue())) {
                    e.setValue(NullNode.instance);
                    found = true;
                } else {
                    found |= redact(e.getValue());
                }
            }
        } else if (node instanceof ContainerNode<?> array) {
            for (JsonNode element : array) {
                found |= redact(element);
            }
        }
        return found;
    }

    private static boolean secret(String field, JsonNode value) {
        String name = field.toLowerCase(Locale.ROOT);
        if (name.equals("uri")) {
            return value.isTextual() && isOtpAuth(value.asText());
        }
        // "mustChangePassword": true is no secret; a text in a password-named field is
        return SECRET_FIELDS.contains(name) || value.isTextual() && (name.contains("password") || isOtpAuth(value.asText()));
    }

    private static boolean isOtpAuth(String s) {
        return s.regionMatches(true, 0, "otpauth:", 0, 8);
    }
}
