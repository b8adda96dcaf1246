/**
 * Events: the exchange plugin ({@code io.containerd.event.v1 exchange}), the Events API over gRPC
 * and, for shims, its {@code Forward} over ttrpc ({@code io.containerd.grpc.v1 events}), and what
 * lets subscription filters look inside payloads.
 */
package io.jcontainerd.services.events;
