/** Values shared by several domains that are not domain objects themselves. */
package io.jcontainerd.core.types;
