/** The command line ({@code bin/train}): one training run without the web service, results as key=value lines. */
package io.prunegcrn.cli;
