/**
 * Text the way ctr's Go libraries produce it: {@code text/tabwriter} columns, Go durations and
 * RFC 3339 times, sorted label lists, logrus log lines and gRPC code names, so that jctr's output
 * matches ctr's byte for byte.
 */
package io.jcontainerd.ctr.text;
