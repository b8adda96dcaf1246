/** Containers: metadata records of what to run, with which runtime, on which snapshot. */
package io.jcontainerd.core.containers;
