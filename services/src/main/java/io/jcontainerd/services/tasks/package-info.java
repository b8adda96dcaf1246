/**
 * {@code io.containerd.service.v1 tasks-service} and {@code io.containerd.grpc.v1 tasks}: a
 * container's task through the runtime its container names, after containerd 1.6's
 * {@code services/tasks/local.go}.
 */
package io.jcontainerd.services.tasks;
