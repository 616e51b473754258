package io.prunegcrn.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import io.swagger.v3.oas.annotations.Hidden;

/** Linkable paths for the static pages (each reads its id from the path and calls the API), and the pages' settings. */
@Controller
@Hidden
class WebPageController {

    private final WebProperties properties;

    WebPageController(WebProperties properties) {
        this.properties = properties;
    }

    record PageSettings(String tileUrl, String tileAttribution) {
    }

    @GetMapping("/models/{id}")
    String model() {
        return "forward:/model.html";
    }

    @GetMapping({"/sweeps", "/sweeps/{id}"})
    String sweep() {
        return "forward:/sweep.html";
    }

    @GetMapping("/web/settings")
    @ResponseBody
    PageSettings settings() {
        boolean tiles = properties.tileUrl() != null && !properties.tileUrl().isBlank();
        return new PageSettings(tiles ? properties.tileUrl() : null, tiles ? properties.tileAttribution() : null);
    }
}
