/** The HTTP API: controllers translate between JSON and the features; one advice maps errors to RFC 7807. */
package io.prunegcrn.api;
