/**
 * Where a registry namespace is served from, as containerd's {@code remotes/docker/config}: a
 * {@code config_path} directory with one folder per host ({@code host_port_}, {@code host}, then
 * {@code _default}) holding a {@code hosts.toml} (mirrors in file order, then {@code server}) or
 * Docker-style certificate files; defaults when nothing is configured ({@code docker.io} is
 * {@code https://registry-1.docker.io}, localhost is plain HTTP). Each resulting
 * {@link io.jcontainerd.registry.hosts.RegistryHost} carries its HTTP client (TLS applied) and authorizer.
 */
package io.jcontainerd.registry.hosts;
