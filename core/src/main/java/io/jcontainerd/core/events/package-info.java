/**
 * Events: the {@link io.jcontainerd.core.events.Exchange} that stamps, validates and fans out
 * {@link io.jcontainerd.core.events.EventEnvelope}s to filtered, bounded
 * {@link io.jcontainerd.core.events.Subscription}s, after containerd's {@code events/exchange}.
 *
 * <p>Payloads stay encoded ({@link io.jcontainerd.core.types.TypedValue}: a protobuf
 * {@code Any}'s type URL and bytes) because core has no protobuf; whoever can decode them supplies
 * {@link io.jcontainerd.core.events.PayloadFields} so that filters can look inside
 * ({@code event.<field>}).
 */
package io.jcontainerd.core.events;
