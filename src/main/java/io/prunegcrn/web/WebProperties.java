package io.prunegcrn.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the web pages.
 *
 * @param tileUrl         a map tile URL template with {z}, {x} and {y} (e.g. an OpenStreetMap tile server) drawn under the
 *                        sensor map; unset by default, so that the pages fetch nothing from outside the service
 * @param tileAttribution the credit line the tile provider asks for, shown under the map
 */
@ConfigurationProperties("prunegcrn.web")
record WebProperties(String tileUrl, String tileAttribution) {
}
