#!/usr/bin/env bash
# Where a training step's time goes: a Java Flight Recorder profile of `selfsup bench train` (execution and
# native-method samples of the training thread), grouped by the DL4J layer work each sample belongs to
# (bench/profile-report.py). Both kinds of sample are taken every 20 ms, so their counts add up as time. Shares of
# the thread's time: a busy machine slows every part alike, but profile on a quiet one.
#   bench/profile.sh                                   # reference CNN, 3x32x32, bare loop (the 2026-11-28 profile)
#   ARGS="--input 1x28x28 --backbone pooled-cnn" bench/profile.sh
# Knobs (env): ARGS (bench train options; default "--input 3x32x32 --bare"), OUT (report file,
# bench/results/profile-<date>.txt), JFR (recording file, bench/work/profile.jfr).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ARGS=${ARGS:-"--input 3x32x32 --bare"}
OUT=${OUT:-$HERE/bench/results/profile-$(date +%Y%m%d-%H%M).txt}
JFR=${JFR:-$HERE/bench/work/profile.jfr}
mkdir -p "$(dirname "$JFR")" "$(dirname "$OUT")"
"$HERE/selfsup" --version >/dev/null   # build outside the profile
mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
opts="-Xmx1g -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxbytes=$((mem_kb / 2 * 1024)) -Dorg.bytedeco.javacpp.maxphysicalbytes=$((mem_kb / 4 * 3 * 1024))"
rm -f "$JFR"
# shellcheck disable=SC2086
JAVA_OPTS="$opts -XX:StartFlightRecording=filename=$JFR,settings=profile,jdk.ExecutionSample#period=20ms" "$HERE/selfsup" bench train $ARGS \
  > "$JFR.log" 2>&1
{
  echo "== profile $(date -u +%FT%TZ) bench train $ARGS load=$(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E 'images_per_second' "$JFR.log" | tail -1
  jfr print --stack-depth 64 --json --events jdk.ExecutionSample,jdk.NativeMethodSample "$JFR" | /usr/bin/python3 "$HERE/bench/profile-report.py"
} | tee "$OUT"
