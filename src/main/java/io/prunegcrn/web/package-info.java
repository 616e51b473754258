/**
 * The web pages (src/main/resources/static): static HTML and scripts that call the JSON API, which stays the single
 * source of truth. Only the linkable page paths are mapped here.
 */
package io.prunegcrn.web;
