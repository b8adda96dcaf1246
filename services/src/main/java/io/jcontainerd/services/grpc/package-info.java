/** Shared pieces of the gRPC edge: error mapping, the namespace header, unary call completion, timestamps, flow control. */
package io.jcontainerd.services.grpc;
