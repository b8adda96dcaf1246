#!/bin/sh
# Installs what building, running and testing jcontainerd need on a fresh Debian 12 machine, then
# builds bin/jcontainerd and bin/jctr. Idempotent; run as root (CI does, so does the README).
set -eu
cd "$(dirname "$0")/.."
PKGS="containerd runc busybox-static tmux golang-github-containerd-containerd-dev golang-github-containerd-cgroups-dev golang-github-gogo-protobuf-dev maven skopeo docker-registry openssl libssl3 libisal2"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
# Debian's containerd package enables a system containerd; the tests start their own on temp paths.
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || { echo "setup: Java 25 (Temurin) not found at $JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
if [ "${1:-}" != "--no-build" ]; then
  mvn -q -B -DskipTests package
fi
