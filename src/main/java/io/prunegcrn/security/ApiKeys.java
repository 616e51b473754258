package io.prunegcrn.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;


/**
 * The valid keys, kept only as SHA-256 digests. A given key is compared with every valid one in constant time, so
 * neither its length, nor how much of it is right, nor which key matched shows in the response time.
 */
class ApiKeys {

    private final List<byte[]> digests;

    ApiKeys(ApiKeyProperties properties) {
        this.digests = properties.keys().stream().map(ApiKeys::sha256).toList();
    }

    boolean required() {
        return !digests.isEmpty();
    }

    /** The 1-based number of the key that matches (a name for logs and the principal), or 0 when none does. */
    int match(String given) {
        byte[] digest = sha256(given);
        int found = 0;
        for (int i = 0; i < digests.size(); i++) {
            boolean equal = MessageDigest.isEqual(digests.get(i), digest);
            found = equal && found == 0 ? i + 1 : found;
        }
        return found;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
