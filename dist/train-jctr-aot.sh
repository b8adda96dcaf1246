#!/bin/sh
# Trains jctr's JDK AOT caches (ctr/target/jctr.aot, and jctr-pull.aot for pulls): starts
# bin/jcontainerd on a temp socket and a small training registry (from the daemon's jar), and runs
# jctr's training sessions against them with -XX:AOTCacheOutput: pulls, imports, exports and the
# everyday commands, so that the classes they need are loaded and linked ahead of time. Run by the
# dist module at package time.
set -eu
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
TMP=$(mktemp -d /tmp/jctr-aot.XXXXXX)
DAEMON_PID=
REGISTRY_PID=
cleanup() {
  for pid in $DAEMON_PID $REGISTRY_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
"$HOME_DIR/bin/jcontainerd" --root "$TMP/root" --state "$TMP/state" -a "$TMP/c.sock" > "$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
"$JAVA" -cp "$HOME_DIR/daemon/target/jcontainerd.jar" io.jcontainerd.daemon.aot.TrainingRegistry > "$TMP/registry" 2>&1 &
REGISTRY_PID=$!
i=0
until [ -S "$TMP/c.sock" ] && [ -s "$TMP/registry" ]; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$TMP/daemon.log" "$TMP/registry" >&2; exit 1; }
  sleep 0.05
done
REF=$(head -n 1 "$TMP/registry")
# the training sessions (ctr.aot.TrainingSession): a pull, import and export and the everyday
# commands; then pulls alone, for a cache with only the classes a pull loads
train() {
  "$JAVA" "@$HOME_DIR/ctr/jvm.options" -XX:AOTCacheOutput="$HOME_DIR/ctr/target/$1" -Xlog:aot=error -Xlog:cds=error \
    -cp "$HOME_DIR/ctr/target/jctr.jar" io.jcontainerd.ctr.aot.TrainingSession "$TMP/c.sock" "$REF" ${2:-} < /dev/null
}
train jctr.aot
train jctr-pull.aot pull
