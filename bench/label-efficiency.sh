#!/usr/bin/env bash
# The label-efficiency benchmark on Fashion-MNIST (official split): for every labels-per-class count, seed and row,
# one run folder bench/results/label-efficiency/ROW-LABELS-sSEED; a completed run is skipped, so the benchmark can be
# run in pieces across sessions. Then the table (report.md) and plot (docs/img/label-efficiency.png).
#
#   bench/label-efficiency.sh                               # everything (hours on 2 cores)
#   ROWS="labels-only fixmatch" LABELS=10 SEEDS=1 bench/label-efficiency.sh      # one piece
#
# Rows: labels-only (same network and weak augmentation, same steps), rotation (rotation-pretrained, then fine-tuned),
# uda, fixmatch, all-labels (every training label: the ceiling). LABELS is per class (10 = 100 labels, 100 = 1,000).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
BACKBONE=${BACKBONE:-reference-cnn}   # e.g. BACKBONE=resnet-small (results then go to label-efficiency-resnet-small)
if [ "$BACKBONE" = reference-cnn ]; then OUT=${OUT:-$HERE/bench/results/label-efficiency}; else OUT=${OUT:-$HERE/bench/results/label-efficiency-$BACKBONE}; fi
PLOT=${PLOT:-$HERE/docs/img/$(basename "$OUT").png}
ROWS=${ROWS:-"labels-only rotation uda fixmatch all-labels"}
LABELS=${LABELS:-"10 100"}
SEEDS=${SEEDS:-"1 2 3"}
STEPS=${STEPS:-3000}              # semi-supervised and fine-tuning steps of 16 labeled images (+ 112 unlabeled)
PRETRAIN_STEPS=${PRETRAIN_STEPS:-1500}
WEAK="horizontal-flip,pad-crop(pad=3)"
S="$HERE/selfsup"
mkdir -p "$OUT"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}   # one build for every run

done_run() { [ -f "$1/.complete" ]; }   # written after every command of the row succeeded
fresh() { rm -rf "$1"; }                 # an unfinished run is started again

for per in $LABELS; do
  for seed in $SEEDS; do
    for row in $ROWS; do
      n=$((per * 10))
      [ "$row" = all-labels ] && { [ "$per" = "$(echo $LABELS | awk '{print $1}')" ] || continue; n=60000; }
      dir="$OUT/$row-$n-s$seed"
      if done_run "$dir"; then echo "skip $dir (done)"; continue; fi
      fresh "$dir"
      echo "run  $dir"
      case "$row" in
        labels-only)
          "$S" finetune --backbone "$BACKBONE" --train fashion-mnist --labels-per-class "$per" --augment "$WEAK" \
            --steps "$STEPS" --batch 16 --optimizer sgd --lr 0.03 --weight-decay 5e-4 --seed "$seed" --out "$dir" > "$OUT/$row-$n-s$seed.log" 2>&1
          "$S" evaluate --model "$dir" --data fashion-mnist --out "$dir/eval" >> "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        rotation)
          "$S" pretrain --task rotation --backbone "$BACKBONE" --data fashion-mnist --steps "$PRETRAIN_STEPS" --batch 32 --seed "$seed" --out "$dir/pretrain" > "$OUT/$row-$n-s$seed.log" 2>&1
          "$S" finetune --from "$dir/pretrain" --train fashion-mnist --labels-per-class "$per" --augment "$WEAK" \
            --steps "$STEPS" --batch 16 --optimizer sgd --lr 0.03 --weight-decay 5e-4 --seed "$seed" --out "$dir/finetune" >> "$OUT/$row-$n-s$seed.log" 2>&1
          "$S" evaluate --model "$dir/finetune" --data fashion-mnist --out "$dir/eval" >> "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        uda|fixmatch)
          "$S" semisup --method "$row" --backbone "$BACKBONE" --data fashion-mnist --labels-per-class "$per" --steps "$STEPS" --seed "$seed" \
            --weak-augment "$WEAK" --out "$dir" > "$OUT/$row-$n-s$seed.log" 2>&1 ;;
        all-labels)
          "$S" finetune --backbone "$BACKBONE" --train fashion-mnist --augment "$WEAK" \
            --steps "$STEPS" --batch 128 --optimizer sgd --lr 0.03 --weight-decay 5e-4 --seed "$seed" --out "$dir" > "$OUT/$row-$n-s$seed.log" 2>&1
          "$S" evaluate --model "$dir" --data fashion-mnist --out "$dir/eval" >> "$OUT/$row-$n-s$seed.log" 2>&1 ;;
      esac
      touch "$dir/.complete"
      tail -1 "$OUT/$row-$n-s$seed.log"
    done
  done
done
"$S" bench report --runs "$OUT" --out "$OUT/report.md" --plot "$PLOT"
