/**
 * {@code ctr snapshots}: prepare, view, commit, label, list, inspect, diff and remove snapshots of
 * one snapshotter (the group's {@code --snapshotter}), and unpack an image into them.
 */
package io.jcontainerd.ctr.commands.snapshots;
