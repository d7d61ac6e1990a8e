#!/usr/bin/env bash
# Footprint of a connector process: time from start to "Connector online. Entering main loop." and
# resident memory (VmRSS) after it has run a while. The connector's variables come from the
# environment; JAVA_OPTS (default: the JAVA_TOOL_OPTIONS of the connector image) go to the JVM.
#
#   CONNECTOR_NAME=x MQTT_BROKER_HOST=127.0.0.1 POLL_SECONDS=1 ... \
#     tools/bench/connector-footprint.sh connectors/<name>/target/<name>-<version>-exec.jar [seconds]
set -euo pipefail
jar=$1
seconds=${2:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
opts=${JAVA_OPTS:-$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$root/tools/docker/Dockerfile")}
log=$(mktemp)
start=$(date +%s%N)
# shellcheck disable=SC2086
java $opts -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
online=""
for _ in $(seq 1 600); do
  if grep -q "Connector online. Entering main loop." "$log"; then
    online=$(( ($(date +%s%N) - start) / 1000000 ))
    break
  fi
  kill -0 $pid 2>/dev/null || { echo "the connector exited:"; cat "$log"; exit 1; }
  sleep 0.01
done
[ -n "$online" ] || { echo "no 'Connector online' within 6 s:"; cat "$log"; exit 1; }
sleep "$seconds"
kill -0 $pid 2>/dev/null || { echo "the connector exited:"; cat "$log"; exit 1; }
rss=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$pid/status)
errors=$(grep -c " ERROR " "$log" || true)
echo "$(basename "$jar"): online after ${online} ms, ${rss} MB RSS after ${seconds} s, ${errors} ERROR line(s); JVM options: $opts"
