/** The gRPC health checking protocol. */
package io.jcontainerd.services.healthcheck;
