#!/usr/bin/env bash
# What limits accuracy on Fashion-MNIST: the network or the recipe? Runs, each into bench/results/limits/NAME:
#   refcnn-all-adam      reference-cnn, all 60,000 labels, Adam 1e-3, 3000 steps of 128 (the recipe question)
#   resnet-all-sgd       resnet-small (ResNet-20), all labels, the benchmark's SGD recipe, 1500 steps of 128 (the network question)
#   resnet-labels-only-100  resnet-small, 100 labels only, 1500 steps of 16 (baseline for the next one)
#   resnet-uda-100       resnet-small, UDA with 100 labels, 1500 steps (does a bigger network help the semi-supervised run?)
# A finished run (its .complete marker) is skipped. RUNS selects a subset.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=$HERE/bench/results/limits
RUNS=${RUNS:-"refcnn-all-adam resnet-all-sgd resnet-labels-only-100 resnet-uda-100"}
WEAK="horizontal-flip,pad-crop(pad=3)"
S="$HERE/selfsup"
mkdir -p "$OUT"
for run in $RUNS; do
  dir="$OUT/$run"
  [ -f "$dir/.complete" ] && { echo "skip $run"; continue; }
  rm -rf "$dir"
  echo "run  $run"
  case "$run" in
    refcnn-all-adam)
      "$S" finetune --backbone reference-cnn --train fashion-mnist --augment "$WEAK" --steps 3000 --batch 128 \
        --optimizer adam --lr 0.001 --seed 1 --out "$dir" > "$dir.log" 2>&1
      "$S" evaluate --model "$dir" --data fashion-mnist --out "$dir/eval" >> "$dir.log" 2>&1 ;;
    resnet-all-sgd)
      "$S" finetune --backbone resnet-small --train fashion-mnist --augment "$WEAK" --steps 1500 --batch 128 \
        --optimizer sgd --lr 0.03 --weight-decay 5e-4 --seed 1 --out "$dir" > "$dir.log" 2>&1
      "$S" evaluate --model "$dir" --data fashion-mnist --out "$dir/eval" >> "$dir.log" 2>&1 ;;
    resnet-labels-only-100)
      "$S" finetune --backbone resnet-small --train fashion-mnist --labels-per-class 10 --augment "$WEAK" --steps 1500 \
        --batch 16 --optimizer sgd --lr 0.03 --weight-decay 5e-4 --seed 1 --out "$dir" > "$dir.log" 2>&1
      "$S" evaluate --model "$dir" --data fashion-mnist --out "$dir/eval" >> "$dir.log" 2>&1 ;;
    resnet-uda-100)
      "$S" semisup --method uda --backbone resnet-small --data fashion-mnist --labels-per-class 10 --steps 1500 --seed 1 \
        --weak-augment "$WEAK" --out "$dir" > "$dir.log" 2>&1 ;;
  esac
  touch "$dir/.complete"
  tail -1 "$dir.log"
done
