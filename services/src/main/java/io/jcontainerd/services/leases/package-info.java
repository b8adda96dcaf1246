/** Leases: the domain service and its gRPC adapter. */
package io.jcontainerd.services.leases;
