/** The asyncio guide's examples as Java programs, one package each, run by name through {@link io.github.jawait.samples.Samples}. */
package io.github.jawait.samples;
