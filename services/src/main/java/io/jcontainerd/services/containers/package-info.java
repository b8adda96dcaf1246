/** The Containers API: container metadata per namespace, and its events. */
package io.jcontainerd.services.containers;
