/** Introspection: which plugins loaded and how, and the server UUID. */
package io.jcontainerd.services.introspection;
