package vn.chidao.platform.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signed copies of the chain heads kept outside the database. Deleting the newest journal rows (and
 * rewinding the head table) cannot be seen from inside the database; a checkpoint taken earlier, signed
 * with an Ed25519 key that lives only in the node's data folder, still shows the chain was longer.
 * Each checkpoint is also written to an optional second place (a mounted share, say), so deleting the
 * node's file hides nothing: {@link #found()} reads both.
 */
public final class Checkpoints {

    public record Head(long chainSeq, String hash) {
    }

    public record Checkpoint(Instant createdAt, String node, Map<UUID, Head> heads) {
    }

    /**
     * What the two places hold: the newest valid checkpoint (null if none) and where it lies, whether
     * the node's file and the copy exist, and the files that exist but are not valid (path → why).
     */
    public record Found(Checkpoint newest, Path newestAt, Path node, boolean nodePresent, Path copy,
                        boolean copyPresent, Map<Path, String> invalid) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path dir;
    private final Path copy;
    private final KeyPair keys;

    public Checkpoints(Path dir) {
        this(dir, null);
    }

    /** {@code copy}: the file in the second place that mirrors {@link #latest()}, or null for none. */
    public Checkpoints(Path dir, Path copy) {
        this.dir = dir;
        this.copy = copy;
        try {
            Files.createDirectories(dir);
            this.keys = loadOrCreateKeys(dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prepare the journal checkpoint key in " + dir, e);
        }
    }

    public Path latest() {
        return dir.resolve("checkpoint-latest.json");
    }

    public Path publicKeyFile() {
        return dir.resolve("checkpoint-key.pub");
    }

    /** The copy in the second place, or null when none is configured. */
    public Path copy() {
        return copy;
    }

    /** Writes the node's file, then the same bytes to the second place (a failure there is thrown after). */
    public synchronized Path write(String node, Instant at, Map<UUID, Head> heads) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "chidao-journal-checkpoint/1");
        root.put("createdAt", at.toString());
        root.put("node", node);
        ObjectNode h = root.putObject("heads");
        new TreeMap<>(heads).forEach((agency, head) -> {
            ObjectNode o = h.putObject(agency.toString());
            o.put("chainSeq", head.chainSeq());
            o.put("hash", head.hash());
        });
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(canonical(root));
            root.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            Path written = replace(latest(), text);
            if (copy != null) {
                try {
                    Files.createDirectories(copy.getParent());
                    replace(copy, text);
                } catch (IOException e) {
                    throw new IllegalStateException("Checkpoint written to " + written + " but not copied to " + copy
                            + ": " + e.getMessage(), e);
                }
            }
            return written;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the journal checkpoint", e);
        }
    }

    private static Path replace(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "checkpoint", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the node's file and the copy; never throws for a missing or invalid file (see {@link Found}). */
    public Found found() {
        Map<Path, String> invalid = new LinkedHashMap<>();
        Checkpoint newest = null;
        Path newestAt = null;
        for (Path p : copy == null ? java.util.List.of(latest()) : java.util.List.of(latest(), copy)) {
            try {
                Checkpoint c = read(p);
                if (c != null && (newest == null || c.createdAt().isAfter(newest.createdAt()))) {
                    newest = c;
                    newestAt = p;
                }
            } catch (IllegalArgumentException e) {
                invalid.put(p, e.getMessage());
            }
        }
        return new Found(newest, newestAt, latest(), Files.exists(latest()), copy, copy != null && Files.exists(copy),
                invalid);
    }

    /** Reads and checks the signature of a checkpoint file; null when the file does not exist. */
    public Checkpoint read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode sig = root.remove("signature");
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.getPublic());
            verifier.update(canonical(root));
            if (sig == null || !verifier.verify(Base64.getDecoder().decode(sig.asText()))) {
                throw new IllegalArgumentException("Checkpoint " + file + " has no valid signature of this installation");
            }
            Map<UUID, Head> heads = new LinkedHashMap<>();
            root.get("heads").fields().forEachRemaining(e -> heads.put(UUID.fromString(e.getKey()),
                    new Head(e.getValue().get("chainSeq").asLong(), e.getValue().get("hash").asText())));
            return new Checkpoint(Instant.parse(root.get("createdAt").asText()), root.get("node").asText(), heads);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("Checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] canonical(JsonNode node) throws IOException {
        return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedUTF8();
    }

    private static KeyPair loadOrCreateKeys(Path dir) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve("checkpoint-key.pk8");
        Path pub = dir.resolve("checkpoint-key.pub");
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        if (Files.exists(priv) && Files.exists(pub)) {
            PrivateKey p = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
            PublicKey q = kf.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(
                    Files.readString(pub).replaceAll("-----[A-Z ]+-----", ""))));
            return new KeyPair(q, p);
        }
        if (Files.exists(priv)) {
            // never replace a key that signed earlier checkpoints: they would all turn invalid
            throw new GeneralSecurityException(pub + " is missing beside " + priv + "; restore it from a backup");
        }
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // the public key first, so that an existing private key always has its public key beside it
        Path pubTmp = Files.createTempFile(dir, "pub", ".tmp");
        Files.writeString(pubTmp, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Files.move(pubTmp, pub, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path tmp = Files.createTempFile(dir, "key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's ACL protects it
        }
        Files.write(tmp, kp.getPrivate().getEncoded());
        Files.move(tmp, priv, StandardCopyOption.ATOMIC_MOVE);
        return kp;
    }
}
