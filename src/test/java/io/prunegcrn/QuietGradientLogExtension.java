package io.prunegcrn;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.prunegcrn.network.runtime.GradientLogFilter;

/** Registered for every test class (junit-platform.properties): tests that build gradient graphs log no op lines. */
public class QuietGradientLogExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        GradientLogFilter.install();
    }
}
