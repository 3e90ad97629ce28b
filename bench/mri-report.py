#!/usr/bin/python3
"""Tabulates bench/results/mri/semisup (run folders ROW-LABELS-sSEED) as report.md: test accuracy mean +- std over
the seeds present (headline: EMA weights with batch norm re-estimated; raw weights beside), and minutes per run.

usage: bench/mri-report.py [RESULTS_DIR]     (default bench/results/mri)
"""
import glob
import json
import os
import re
import statistics
import sys


def main(args):
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "results", "mri")
    runs = {}
    for path in sorted(glob.glob(os.path.join(root, "semisup", "*-s*", "run.json"))):
        m = re.match(r"(.+)-(\d+)-s(\d+)$", os.path.basename(os.path.dirname(path)))
        r = json.load(open(path))
        if r.get("status") != "completed" or "test" not in r:
            continue
        runs.setdefault((m.group(1), int(m.group(2))), []).append(
            (int(m.group(3)), r["test"]["accuracy"], r["test-raw"]["accuracy"], r["semisup"]["seconds"] / 60))
    lines = ["| method | labels per class | test accuracy (EMA, BN re-estimated) | raw weights | seeds | minutes per run |",
             "|---|---|---|---|---|---|"]

    def fmt(values):
        mean = 100 * statistics.mean(values)
        return f"{mean:.2f} ± {100 * statistics.stdev(values):.2f}" if len(values) > 1 else f"{mean:.2f}"

    for (row, per), rs in sorted(runs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        seeds = ",".join(str(s) for s, *_ in sorted(rs))
        minutes = statistics.mean(m for *_, m in rs)
        lines.append(f"| {row} | {per} | {fmt([a for _, a, _, _ in rs])} | {fmt([b for _, _, b, _ in rs])} | {seeds} | "
                     f"{minutes:.1f} |")
    text = "\n".join(lines) + "\n"
    open(os.path.join(root, "report.md"), "w").write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
