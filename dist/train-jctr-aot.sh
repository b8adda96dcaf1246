#!/bin/sh
# Trains jctr's JDK AOT cache (ctr/target/jctr.aot): starts bin/jcontainerd on a temp socket and
# runs one jctr session against it with -XX:AOTCacheOutput, so that the gRPC client classes a
# command needs are loaded and linked ahead of time. Run by the dist module at package time.
set -eu
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
TMP=$(mktemp -d /tmp/jctr-aot.XXXXXX)
DAEMON_PID=
cleanup() {
  if [ -n "$DAEMON_PID" ]; then kill "$DAEMON_PID" 2>/dev/null || true; wait "$DAEMON_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
"$HOME_DIR/bin/jcontainerd" --root "$TMP/root" --state "$TMP/state" -a "$TMP/c.sock" > "$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
i=0
until [ -S "$TMP/c.sock" ]; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$TMP/daemon.log" >&2; exit 1; }
  sleep 0.05
done
# the training session: a representative command (namespaces list over gRPC)
"$JAVA" "@$HOME_DIR/ctr/jvm.options" -XX:AOTCacheOutput="$HOME_DIR/ctr/target/jctr.aot" \
  -Xlog:aot=error -Xlog:cds=error -jar "$HOME_DIR/ctr/target/jctr.jar" -a "$TMP/c.sock" namespaces ls > /dev/null
