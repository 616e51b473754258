/** The service's typed settings ({@code prunegcrn.*}); features with settings of their own keep them beside their code. */
package io.prunegcrn.config;
