#!/usr/bin/env bash
# Peak resident memory (and start-up time, data wait) of real runs, each in a fresh JVM under /usr/bin/time:
#   quickstart   the README's main job (Fashion-MNIST), or QUICKSTART_ARGS for a shorter one
#   big-<mode>   rotation pretraining on 20,000 gray 128x128 PNGs (bench/big-folder.py; 1.3 GB as floats),
#                STEPS steps, with --decode MODE for each of MODES
# Knobs (env): PARTS ("quickstart big"), MODES ("auto upfront"), STEPS (30), BATCH (8: 8 images x 4 rotations per
# step; memory grows with the batch, which is the point), JAVA_OPTS (the launcher's default
# if unset), OUT (bench/results/memory-<date>.txt). One line per run: peak_rss_mb, wall_s, train_s, data_wait_share.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
PARTS=${PARTS:-"quickstart big"}
MODES=${MODES:-"auto upfront"}
STEPS=${STEPS:-30}
BATCH=${BATCH:-8}
WORK=${WORK:-$HERE/bench/work}
OUT=${OUT:-$HERE/bench/results/memory-$(date +%Y%m%d-%H%M).txt}
QUICKSTART_ARGS=${QUICKSTART_ARGS:-}
S="$HERE/selfsup"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}
mkdir -p "$(dirname "$OUT")" "$WORK/memory-runs"
echo "== memory $(date -u +%FT%TZ) JAVA_OPTS=${JAVA_OPTS:-<launcher default>} load=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
measure() {   # name run-folder command...
  local name=$1 dir=$2; shift 2
  rm -rf "$dir"
  /usr/bin/time -v "$@" > "$WORK/memory-runs/$name.log" 2>&1
  local rss wall train wait
  rss=$(grep 'Maximum resident' "$WORK/memory-runs/$name.log" | awk '{printf "%.0f", $NF/1024}')
  wall=$(grep 'Elapsed (wall' "$WORK/memory-runs/$name.log" | awk '{print $NF}' | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; print s}')
  train=$(/usr/bin/python3 -c "import json,sys; r=json.load(open('$dir/run.json')); p=r.get('pretrain') or {}; print(p.get('seconds','-'))" 2>/dev/null || echo -)
  wait=$(/usr/bin/python3 -c "import json,sys; r=json.load(open('$dir/run.json')); p=r.get('pretrain') or {}; print(p.get('data_wait_share','-'))" 2>/dev/null || echo -)
  echo "$name peak_rss_mb=$rss wall_s=$wall train_s=$train data_wait_share=$wait" | tee -a "$OUT"
}
if [[ " $PARTS " == *" quickstart "* ]]; then
  # shellcheck disable=SC2086
  measure quickstart "$WORK/memory-runs/quickstart" "$S" quickstart $QUICKSTART_ARGS --out "$WORK/memory-runs/quickstart"
fi
if [[ " $PARTS " == *" big "* ]]; then
  [ -f "$WORK/big-folder/img19999.png" ] || /usr/bin/python3 "$HERE/bench/big-folder.py" "$WORK/big-folder"
  for mode in $MODES; do
    measure "big-$mode" "$WORK/memory-runs/big-$mode" "$S" pretrain --task rotation --backbone reference-cnn \
      --data "$WORK/big-folder" --decode "$mode" --steps "$STEPS" --batch "$BATCH" --out "$WORK/memory-runs/big-$mode"
  done
fi
