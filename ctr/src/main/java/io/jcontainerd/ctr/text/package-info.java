/**
 * Text the way ctr's Go libraries produce it: {@code text/tabwriter} columns, Go durations,
 * logrus log lines and gRPC code names, so that jctr's output matches ctr's byte for byte.
 */
package io.jcontainerd.ctr.text;
