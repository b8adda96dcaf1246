/**
 * Registry authentication as containerd's {@code remotes/docker} does it: a 401's
 * {@code WWW-Authenticate} challenges pick Basic or the Bearer token flow (realm, service, scope;
 * OAuth POST with credentials falling back to GET; {@code token} or {@code access_token}), tokens
 * are cached per scope set until {@code expires_in} runs out or the registry rejects them, and
 * credentials come from a callback ({@code --user}) or Docker's {@code config.json}.
 */
package io.jcontainerd.registry.auth;
