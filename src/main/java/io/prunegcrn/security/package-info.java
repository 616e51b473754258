/**
 * Who may do what: API keys checked by Spring Security ({@link io.prunegcrn.security.SecurityConfig}). Authorisation is
 * decided by the HTTP method first (only reads are ever open), so no spelling of a path can reach a mutating
 * endpoint without a key.
 */
package io.prunegcrn.security;
