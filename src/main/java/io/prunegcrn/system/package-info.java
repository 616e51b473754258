/** What every feature shares: the data directory, the error types that map to HTTP statuses. */
package io.prunegcrn.system;
