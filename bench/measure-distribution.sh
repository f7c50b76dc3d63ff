#!/usr/bin/env bash
# Measures the built distribution: zip size, unpacked size, cold boot (first start, includes initdb of the
# embedded PostgreSQL) and restart time to a healthy /api/v1/health, idle memory of Karaf and of the embedded
# PostgreSQL, and that stopping leaves no postgres behind.
#
#   bench/measure-distribution.sh [path/to/chidao-distribution-*.zip]
#
# Runs its own copy under bench/target/dist-measure on ports that do not collide with './chidao run':
# HTTP 18281, SSH 18101, RMI registry 11099, RMI server 44445, embedded PostgreSQL 55532.
# Writes bench/target/distribution.md. Every process it starts is stopped on exit.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
ZIP=$(readlink -f "${1:-$ROOT/distribution/target/chidao-distribution-0.1.0-SNAPSHOT.zip}")
OUT="$BENCH/target/dist-measure"
REPORT="$BENCH/target/distribution.md"
HTTP_PORT=18281 SSH_PORT=18101 RMI_REGISTRY_PORT=11099 RMI_SERVER_PORT=44445 PG_PORT=55532
BOOT_TIMEOUT=${BOOT_TIMEOUT:-300}   # seconds, per start
IDLE_SECONDS=${IDLE_SECONDS:-20}

[ -f "$ZIP" ] || { echo "No distribution zip at $ZIP (build it: mvn -q install -DskipTests)" >&2; exit 2; }
for p in $HTTP_PORT $SSH_PORT $RMI_REGISTRY_PORT $RMI_SERVER_PORT $PG_PORT; do
  if ss -Hltn "sport = :$p" | grep -q .; then echo "Port $p is already in use; stop whatever holds it first." >&2; exit 2; fi
done

HOME_DIR=""           # set after unzip
now() { date +%s.%N; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
karaf_pid() { pgrep -f -- "-Dkaraf.home=$HOME_DIR( |$)" | head -1 || true; }
postmaster_pid() {
  local f="$HOME_DIR/data/pgdata/postmaster.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(head -1 "$f")
  if [ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -q postgres "/proc/$pid/comm" 2>/dev/null; then echo "$pid"; fi
}
# postgres processes of this data directory: the postmaster and its children
pg_pids() {
  local pm; pm=$(postmaster_pid)
  [ -n "$pm" ] || return 0
  echo "$pm"; pgrep -P "$pm" || true
}
kb_of() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/$3" 2>/dev/null || true; }   # pid field file
sum_kb() {  # field file pids...
  local field=$1 file=$2 total=0 v; shift 2
  for p in "$@"; do v=$(kb_of "$p" "$field" "$file"); total=$((total + ${v:-0})); done
  echo "$total"
}

stop_karaf() {
  local pid; pid=$(karaf_pid)
  [ -n "$pid" ] || return 0
  (cd "$HOME_DIR" && bin/stop >/dev/null 2>&1) || true
  for _ in $(seq 1 120); do [ -d "/proc/$pid" ] || return 0; sleep 1; done
  echo "Karaf $pid did not stop within 120 s; killing it" >&2
  kill "$pid" 2>/dev/null || true; sleep 5; kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  [ -n "$HOME_DIR" ] || return 0
  stop_karaf
  local pm; pm=$(postmaster_pid)
  if [ -n "$pm" ]; then kill -INT "$pm" 2>/dev/null || true; sleep 3; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start Karaf in the background; sets ELAPSED to the seconds until health answers 200 with top-level status
# UP. Not to be called inside $(...): Karaf would inherit the substitution's pipe and the shell would wait.
ELAPSED=""
start_and_wait() {
  local log=$1 t0 code body
  t0=$(now)
  (cd "$HOME_DIR" && exec setsid nohup bin/karaf server < /dev/null > "$log" 2>&1 &)
  local deadline=$(( $(date +%s) + BOOT_TIMEOUT ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    body=$(curl -s -m 2 -w '\n%{http_code}' "http://127.0.0.1:$HTTP_PORT/api/v1/health" 2>/dev/null || true)
    code=${body##*$'\n'}
    if [ "$code" = 200 ] && [ "$(printf '%s' "${body%$'\n'*}" | jq -r .status 2>/dev/null)" = UP ]; then
      ELAPSED=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'); return 0
    fi
    sleep 0.25
  done
  echo "Not healthy within $BOOT_TIMEOUT s; last answer: ${body:-none}; see $HOME_DIR/data/log/karaf.log" >&2
  return 1
}

# --- unpack and move to private ports -------------------------------------------------------------
if [ -d "$OUT" ]; then
  for d in "$OUT"/*/; do HOME_DIR=${d%/}; cleanup; done   # a crashed earlier run of this script
  HOME_DIR=""
  rm -rf "$OUT"
fi
mkdir -p "$OUT"
unzip -q "$ZIP" -d "$OUT"
HOME_DIR=$(find "$OUT" -mindepth 1 -maxdepth 1 -type d | head -1)
ETC="$HOME_DIR/etc"
set_prop() {  # file key value: replace "key = ..." (commented or not) or append it
  local f=$1 k=$2 v=$3
  if grep -Eq "^[#[:space:]]*$k[[:space:]]*=" "$f" 2>/dev/null; then
    sed -i -E "s|^[#[:space:]]*$k[[:space:]]*=.*|$k = $v|" "$f"
  else
    echo "$k = $v" >> "$f"
  fi
}
set_prop "$ETC/org.ops4j.pax.web.cfg" org.osgi.service.http.port $HTTP_PORT
set_prop "$ETC/org.apache.karaf.shell.cfg" sshPort $SSH_PORT
set_prop "$ETC/org.apache.karaf.management.cfg" rmiRegistryPort $RMI_REGISTRY_PORT
set_prop "$ETC/org.apache.karaf.management.cfg" rmiServerPort $RMI_SERVER_PORT
# the feature writes this file only when it is absent (override="false"), so ours wins at first boot
printf 'port = %s\ndatabase = chidao\n' $PG_PORT > "$ETC/vn.chidao.embeddeddb.cfg"

ZIP_BYTES=$(stat -c %s "$ZIP")
UNPACKED_BYTES=$(du -sb "$HOME_DIR" | cut -f1)

# --- cold boot, stop, restart ------------------------------------------------------------------------
echo "Cold boot of $HOME_DIR ..."
start_and_wait "$OUT/karaf-cold.out"; COLD=$ELAPSED
echo "  healthy after $COLD s; stopping"
stop_karaf
[ -z "$(postmaster_pid)" ] || { echo "postgres still running after the first stop" >&2; }
echo "Restart ..."
start_and_wait "$OUT/karaf-restart.out"; RESTART=$ELAPSED
echo "  healthy after $RESTART s; idling $IDLE_SECONDS s"
sleep "$IDLE_SECONDS"

KPID=$(karaf_pid)
[ -n "$KPID" ] || { echo "Karaf JVM not found" >&2; exit 1; }
KARAF_RSS=$(kb_of "$KPID" VmRSS status)
KARAF_PSS=$(sum_kb Pss smaps_rollup "$KPID")
mapfile -t PGP < <(pg_pids)
PG_RSS=$(sum_kb VmRSS status "${PGP[@]}")
PG_PSS=$(sum_kb Pss smaps_rollup "${PGP[@]}")
DATA_BYTES=$(du -sb "$HOME_DIR/data" | cut -f1)
PG_BYTES=$(du -sb "$HOME_DIR/data/pgdata" | cut -f1)

echo "Stopping ..."
T0=$(now)
stop_karaf
STOP_SECONDS=$(awk -v a="$T0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
sleep 2
LEFT=$(pgrep -f -- "$HOME_DIR/data/pgdata" || true)
PM_LEFT=$(postmaster_pid)
if [ -z "$LEFT$PM_LEFT" ]; then LEFTOVER="none"; else LEFTOVER="LEFT RUNNING: $(echo $LEFT $PM_LEFT)"; fi

# --- report -------------------------------------------------------------------------------------------
REPORT_TEXT=$(cat <<EOF
# Chidao distribution measurements

Run $(date '+%Y-%m-%d %H:%M') · $(basename "$ZIP") · $(nproc) CPUs · $(java -version 2>&1 | head -1)

| Figure | Value |
|---|---:|
| Zip size | $(mib "$ZIP_BYTES") MiB |
| Unpacked size (before first start) | $(mib "$UNPACKED_BYTES") MiB |
| Cold boot to health UP (first start, includes initdb) | $COLD s |
| Restart to health UP | $RESTART s |
| Karaf JVM RSS, idle ${IDLE_SECONDS} s after UP | $(mib $((KARAF_RSS * 1024))) MiB |
| Karaf JVM PSS | $(mib $((KARAF_PSS * 1024))) MiB |
| Embedded PostgreSQL RSS, sum of ${#PGP[@]} processes | $(mib $((PG_RSS * 1024))) MiB |
| Embedded PostgreSQL PSS, sum (shared memory counted once) | $(mib $((PG_PSS * 1024))) MiB |
| data/ after two starts (of which pgdata) | $(mib "$DATA_BYTES") MiB ($(mib "$PG_BYTES") MiB) |
| bin/stop to JVM exit | $STOP_SECONDS s |
| postgres processes left for data/pgdata after stop | $LEFTOVER |

Ports: HTTP $HTTP_PORT, SSH $SSH_PORT, RMI $RMI_REGISTRY_PORT/$RMI_SERVER_PORT, PostgreSQL $PG_PORT.
EOF
)
echo "$REPORT_TEXT"
echo "$REPORT_TEXT" > "$REPORT"
echo "Written to $REPORT"
[ "$LEFTOVER" = none ]
