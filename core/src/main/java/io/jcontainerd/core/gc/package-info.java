/**
 * Garbage collection by reference, as containerd's metadata GC does it: roots (leases, images,
 * gc.root labels, containers), references (gc.ref labels, snapshot parents), mark, then sweep.
 * The metadata store supplies the graph; the scheduler that decides when to collect comes later.
 */
package io.jcontainerd.core.gc;
