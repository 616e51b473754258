/**
 * What every HTTP endpoint shares: errors as RFC 7807 problem details, the OpenAPI description, JSON numbers. The
 * controllers live in their feature packages ({@code dataset}, {@code job}, {@code model}, {@code sweep}, …).
 */
package io.prunegcrn.api;
