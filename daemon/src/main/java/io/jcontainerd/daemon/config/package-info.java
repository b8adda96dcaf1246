/** containerd config.toml: records, defaults, loading, merging and writing. */
package io.jcontainerd.daemon.config;
