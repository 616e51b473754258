package io.prunegcrn.security;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys, under {@code prunegcrn.*}. With at least one key set, every request other than GET, HEAD and OPTIONS
 * must send one of them in {@value #HEADER}.
 *
 * @param apiKey   one key (env {@code PRUNEGCRN_API_KEY})
 * @param apiKeys  more keys, comma-separated (env {@code PRUNEGCRN_API_KEYS}): all are valid at once, so a key can be
 *                 rotated without downtime (add the new one, move the clients, drop the old one)
 * @param security what else needs a key
 */
@ConfigurationProperties("prunegcrn")
public record ApiKeyProperties(String apiKey, List<String> apiKeys, @DefaultValue Security security) {

    public static final String HEADER = "X-API-Key";

    /** @param protectReads reads of data ({@code /api/**}) need a key too; probes, the page and the API docs stay open */
    public record Security(boolean protectReads) {
    }

    /** Every configured key, blanks dropped. */
    List<String> keys() {
        return Stream.concat(Stream.ofNullable(apiKey), apiKeys == null ? Stream.empty() : apiKeys.stream())
                .filter(k -> k != null && !k.isBlank()).map(String::strip).distinct().toList();
    }

    /** Never prints a key (this record may end up in a log or an error message). */
    @Override
    public String toString() {
        return "ApiKeyProperties[keys=" + keys().size() + ", protectReads=" + security.protectReads() + "]";
    }
}
