#!/usr/bin/env bash
# Time to first value of the local application: starts `java -jar tools/local-runner/target/local-runner.jar`
# (embedded broker, SQLite) and polls GET /datapoint/last_value/ until a value stored after the start is
# there. Run 1 uses a fresh data folder (the jars are extracted, the class-data archives recorded when the
# services stop); later runs restart on the same folder (extracted jars and archives reused). Prints the
# seconds to the banner and to the first stored value. Build first: mvn -B -q package -DskipTests.
#
#   tools/bench/time-to-first-value.sh [runs]      # ports 28080-28083, 21883, 25020 by default
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
export API_PORT=${API_PORT:-28080} RAW_MESSAGE_DB_HTTP_PORT=${RAW_MESSAGE_DB_HTTP_PORT:-28081}
export CONTROLLER_METRICS_PORT=${CONTROLLER_METRICS_PORT:-28082} CONNECTOR_METRICS_PORT=${CONNECTOR_METRICS_PORT:-28083}
export MQTT_BROKER_PORT=${MQTT_BROKER_PORT:-21883} MODBUS_PORT=${MODBUS_PORT:-25020}
unset MQTT_BROKER_HOST
data=$(mktemp -d)
log=$data.log
trap 'rm -rf "$data" "$log"' EXIT
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  start_ms=$((start / 1000000))
  (cd "$root" && BEMCOM_DATA_DIR=$data exec java -jar tools/local-runner/target/local-runner.jar) >"$log" 2>&1 &
  pid=$!
  banner="" first=""
  for _ in $(seq 1 3000); do
    kill -0 $pid 2>/dev/null || { echo "the runner exited:"; tail -40 "$log"; exit 1; }
    if [ -z "$banner" ] && grep -q "BEMCom is running" "$log"; then
      banner=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
    newest=$(curl -sf -u bemcom:bemcom "http://localhost:$API_PORT/datapoint/last_value/" 2>/dev/null \
      | grep -o '"timestamp": *[0-9]*' | grep -o '[0-9]*$' | sort -n | tail -1 || true)
    if [ -n "$newest" ] && [ "$newest" -gt "$start_ms" ]; then
      first=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    sleep 0.1
  done
  load=$(cut -d' ' -f1 /proc/loadavg)
  for _ in $(seq 1 300); do # the banner follows the registration, which may come after the first value
    [ -n "$banner" ] && break
    grep -q "BEMCom is running" "$log" && banner=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep 0.1
  done
  kill -TERM $pid; wait $pid || true
  kind=$([ "$run" = 1 ] && echo "fresh data folder" || echo "restart")
  echo "run $run ($kind): banner after $(awk "BEGIN{print ${banner:-0}/1000}") s, first stored value after $(awk "BEGIN{print ${first:-0}/1000}") s (load average at the first value: $load)"
done
