/** What every feature shares: the data directory, the error types that map to HTTP statuses, the page of a list answer. */
package io.prunegcrn.system;
