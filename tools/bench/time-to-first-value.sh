#!/usr/bin/env bash
# Cold start of the local application to its first stored value: starts
# `java -jar tools/local-runner/target/local-runner.jar` on a fresh data folder (embedded broker,
# SQLite) and polls GET /datapoint/last_value/ until the demo room's temperature is there. Prints the
# seconds to the banner and to the first value. Build first: mvn -B -q package -DskipTests.
#
#   tools/bench/time-to-first-value.sh [runs]      # ports 28080, 28081, 21883, 25020 by default
set -euo pipefail
runs=${1:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
export API_PORT=${API_PORT:-28080} RAW_MESSAGE_DB_HTTP_PORT=${RAW_MESSAGE_DB_HTTP_PORT:-28081}
export MQTT_BROKER_PORT=${MQTT_BROKER_PORT:-21883} MODBUS_PORT=${MODBUS_PORT:-25020}
unset MQTT_BROKER_HOST
for run in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  log=$data.log
  start=$(date +%s%N)
  (cd "$root" && BEMCOM_DATA_DIR=$data exec java -jar tools/local-runner/target/local-runner.jar) >"$log" 2>&1 &
  pid=$!
  banner="" first=""
  for _ in $(seq 1 3000); do
    kill -0 $pid 2>/dev/null || { echo "the runner exited:"; tail -40 "$log"; exit 1; }
    if [ -z "$banner" ] && grep -q "BEMCom is running" "$log"; then
      banner=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
    if curl -sf -u bemcom:bemcom "http://localhost:$API_PORT/datapoint/last_value/" 2>/dev/null | grep -q '"value"'; then
      first=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    sleep 0.1
  done
  kill -TERM $pid; wait $pid || true
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "run $run: banner after $(awk "BEGIN{print ${banner:-0}/1000}") s, first stored value after $(awk "BEGIN{print ${first:-0}/1000}") s (load average before stop: $load)"
  rm -rf "$data" "$log"
done
