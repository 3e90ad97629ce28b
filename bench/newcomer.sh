#!/usr/bin/env bash
# A newcomer's first semi-supervised run: Fashion-MNIST laid out as their own PNG folders (10 labeled images per
# class, every other training image unlabeled, the official test images; bench/newcomer-folders.py), then
# `selfsup semisup` with every default except the folders (and, per row, the method or the backbone under test).
# Each row's run folder and log go to bench/results/newcomer/; a finished row is skipped.
#   ROWS="uda supervised" bench/newcomer.sh      # every default (since 2026-12-02 the network is pooled-cnn at depth 2)
#   ROWS="uda-d1 uda-d2" bench/newcomer.sh       # UDA with --backbone-config depth=1 (the default until 2026-12-02) or depth=2
#   SEED=2 ROWS="uda-d1 uda-d2" bench/newcomer.sh   # another draw of the labeled images and seed (newcomer-s2/)
# The depth comparison of 2026-12-02 ran as rows uda and uda-d2 while depth 1 was the default; those uda folders
# (and seed 1's supervised) were renamed uda-d1 (supervised-d1) when depth 2 became the default, so every row name
# says what it trained.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
SEED=${SEED:-1}
if [ "$SEED" = 1 ]; then OUT=${OUT:-$HERE/bench/results/newcomer}; else OUT=${OUT:-$HERE/bench/results/newcomer-s$SEED}; fi
if [ "$SEED" = 1 ]; then FOLDERS=${FOLDERS:-/tmp/selfsup-newcomer}; else FOLDERS=${FOLDERS:-/tmp/selfsup-newcomer-s$SEED}; fi
ROWS=${ROWS:-"uda supervised"}
S="$HERE/selfsup"
mkdir -p "$OUT"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}
[ -d "$FOLDERS/test" ] || /usr/bin/python3 "$HERE/bench/newcomer-folders.py" "$FOLDERS" --seed "$SEED"
folders=(--labeled "$FOLDERS/labeled" --unlabeled "$FOLDERS/unlabeled" --test "$FOLDERS/test")
[ "$SEED" = 1 ] || folders+=(--seed "$SEED")   # seed 1 is the default: its rows ran without the option
for row in $ROWS; do
  dir="$OUT/$row"
  [ -f "$dir/.complete" ] && { echo "skip $dir (done)"; continue; }
  rm -rf "$dir"; echo "run  $dir"
  case "$row" in
    uda|fixmatch|mixmatch|supervised) "$S" semisup --method "$row" "${folders[@]}" --out "$dir" > "$dir.log" 2>&1 ;;
    uda-d1|uda-d2|supervised-d1) method=${row%-d?}
      "$S" semisup --method "$method" --backbone-config "depth=${row##*-d}" "${folders[@]}" --out "$dir" > "$dir.log" 2>&1 ;;
    uda-reference-cnn) "$S" semisup --method uda --backbone reference-cnn "${folders[@]}" --out "$dir" > "$dir.log" 2>&1 ;;
    *) echo "unknown row $row" >&2; exit 2 ;;
  esac
  touch "$dir/.complete"; tail -1 "$dir.log"
done
