# Sourced by bin/jcontainerd and bin/jctr: the repo root and a Java 25 runtime.
JCD_HOME=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${JAVA_HOME:-}" ] && grep -q '^JAVA_VERSION="25' "$JAVA_HOME/release" 2>/dev/null; then
  JAVA="$JAVA_HOME/bin/java"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
else
  echo "$(basename "$0"): Java 25 not found (set JAVA_HOME)" >&2
  exit 1
fi
# aot_flags JAR CACHE: use the JDK 25 AOT cache that the build trained for JAR, unless the jar was
# rebuilt since (a stale cache is refused by the JVM anyway). JCD_AOT=0 disables it.
aot_flags() {
  if [ "${JCD_AOT:-1}" != 0 ] && [ -f "$2" ] && [ ! "$1" -nt "$2" ]; then
    printf '%s' "-XX:AOTCache=$2 -Xlog:aot=error -Xlog:cds=error"
  fi
}
