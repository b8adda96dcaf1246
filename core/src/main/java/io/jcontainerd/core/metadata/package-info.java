/** The metadata plugin's contract with the services. */
package io.jcontainerd.core.metadata;
