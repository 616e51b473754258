package io.prunegcrn.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Linkable paths for the static pages; each page reads its id from the path and calls the API. */
@Controller
class WebPageController {

    @GetMapping("/models/{id}")
    String model() {
        return "forward:/model.html";
    }

    @GetMapping({"/sweeps", "/sweeps/{id}"})
    String sweep() {
        return "forward:/sweep.html";
    }
}
