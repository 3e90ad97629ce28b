#!/usr/bin/env bash
# A small colour demonstration, not a benchmark: colorization pretrained on real photos from Debian packages
# (endless-sky-data's 273 landscapes and mate-backgrounds' wallpapers, unlabeled), then probed (linear, kNN) on
# pysiogame's Art4Apps drawings (585 RGB drawings, 12 categories) against random initialisation, seeds 1-3, all at
# 32x32. The Art4Apps split is fixed and stratified: in each category, sorted by file name, every third drawing is a
# test image; the split is written to bench/results/colour-demo/split.csv. Resumable (finished parts are skipped):
#
#   bench/colour-demo.sh            # needs: apt-get install -y endless-sky-data mate-backgrounds; pysiogame's .deb
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$HERE/bench/results/colour-demo}
WORK=${WORK:-/tmp/selfsup-colour-demo}
SEEDS=${SEEDS:-1,2,3}
PRETRAIN_STEPS=${PRETRAIN_STEPS:-1000}
FINETUNE_STEPS=${FINETUNE_STEPS:-300}
LAND=/usr/share/games/endless-sky/images/land
WALL=/usr/share/backgrounds/mate
ART=${ART:-$WORK/pysiogame/usr/share/games/pysiogame/res/images/art4apps}
for d in "$LAND" "$WALL"; do
  [ -d "$d" ] || { echo "missing $d: apt-get install -y endless-sky-data mate-backgrounds" >&2; exit 3; }
done
if [ ! -d "$ART" ]; then
  mkdir -p "$WORK/pysiogame"
  (cd "$WORK" && apt-get download pysiogame && dpkg-deb -x pysiogame_*.deb "$WORK/pysiogame")
fi
rm -rf "$WORK/unlabeled" "$WORK/train" "$WORK/test"
mkdir -p "$WORK/unlabeled" "$OUT"
for f in "$LAND"/*.jpg; do ln -s "$f" "$WORK/unlabeled/land-$(basename "$f")"; done
find "$WALL" -type f \( -name '*.jpg' -o -name '*.png' \) | sort | while read -r f; do
  ln -s "$f" "$WORK/unlabeled/wall-$(basename "$f")"
done
echo "category,file,part" > "$OUT/split.csv.tmp"
for dir in "$ART"/*/; do
  cat=$(basename "$dir")
  mkdir -p "$WORK/train/$cat" "$WORK/test/$cat"
  i=0
  for f in $(ls "$dir" | LC_ALL=C sort); do
    part=train; [ $((i % 3)) -eq 2 ] && part=test
    ln -s "$dir$f" "$WORK/$part/$cat/$f"
    echo "$cat,$f,$part" >> "$OUT/split.csv.tmp"
    i=$((i + 1))
  done
done
mv "$OUT/split.csv.tmp" "$OUT/split.csv"
S="$HERE/selfsup"
"$S" --version >/dev/null
export SELFSUP_CLASSPATH=${SELFSUP_CLASSPATH:-$(cat "$HERE/cli/target/launch-classpath.txt")}
"$S" compare --unlabeled "$WORK/unlabeled" --labeled "$WORK/train" --test "$WORK/test" --resize 32x32 --channels rgb \
  --labels-per-class 10 --seeds "$SEEDS" --tasks colorization --protocols linear,knn --backbone pooled-cnn --backbone-config depth=1 \
  --pretrain-steps "$PRETRAIN_STEPS" --finetune-steps "$FINETUNE_STEPS" --out "$OUT" 2>&1 || {
    echo "compare failed" >&2; exit 1; }
