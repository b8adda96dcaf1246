/** The listening sockets: gRPC API and ttrpc. */
package io.jcontainerd.daemon.server;
