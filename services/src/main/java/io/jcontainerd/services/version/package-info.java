/** The Version API. */
package io.jcontainerd.services.version;
