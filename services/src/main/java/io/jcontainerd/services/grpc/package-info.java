/** Shared pieces of the gRPC edge: error mapping, the namespace header, unary call completion. */
package io.jcontainerd.services.grpc;
