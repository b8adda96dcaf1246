/**
 * Which generated messages are containerd events, and how an event's type URL names one: shared by
 * the daemon (filters on {@code event.*}) and jctr ({@code events} output).
 */
package io.jcontainerd.api.events;
