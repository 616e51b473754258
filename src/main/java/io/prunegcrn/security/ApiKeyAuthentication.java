package io.prunegcrn.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A caller that sent an API key: before the check it carries the key; after it only the key's number
 * ({@code api-key-1}, …), so the key itself never reaches a log or the security context.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String principal;
    private transient String key;

    private ApiKeyAuthentication(String principal, String key, boolean authenticated) {
        super(List.of());
        this.principal = principal;
        this.key = key;
        setAuthenticated(authenticated);
    }

    static ApiKeyAuthentication unchecked(String key) {
        return new ApiKeyAuthentication("api-key", key, false);
    }

    static ApiKeyAuthentication checked(int keyNumber) {
        return new ApiKeyAuthentication("api-key-" + keyNumber, null, true);
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public void eraseCredentials() {
        key = null;
    }
}
