#!/usr/bin/env python3
"""The backbone sweep's table (bench/backbone-sweep.sh writes the runs): per candidate its parameters, images per
second of a plain and a UDA step in every cost round (and the ratio to reference-cnn in the same round), the
all-labels accuracy reached in the fixed time budget, and the labels-only accuracy at 100 labels.
Usage: backbone-report.py SWEEP_DIR > report.md"""
import glob
import json
import os
import statistics
import sys


def cost_rounds(folder):
    rounds = []
    for path in sorted(glob.glob(os.path.join(folder, "cost-*.txt"))):
        rates = {}
        with open(path) as f:
            for line in f:
                parts = line.split()
                if line.startswith("#") or len(parts) != 3:
                    continue
                rates[(parts[0], parts[1])] = float(parts[2])
        rounds.append(rates)
    return rounds


def run(folder, name):
    path = os.path.join(folder, name, "run.json")
    if not os.path.exists(os.path.join(folder, name, ".complete")):
        return None
    with open(path) as f:
        return json.load(f)


def pct(report, key):
    return "–" if report is None or key not in report else "%.2f %%" % (100 * report[key]["accuracy"])


def main(folder):
    rounds = cost_rounds(folder)
    names = []
    for rates in rounds:
        for (name, _method) in rates:
            if name not in names:
                names.append(name)
    print("| backbone | UDA img/s (rounds) | UDA time per image ÷ reference-cnn's | plain img/s (rounds) | "
          "all labels: steps in the budget | all labels (EMA, BN re-est.) | raw | 100 labels, labels only (EMA, BN re-est.) | "
          "raw | minutes (all labels / 100) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        uda = [r.get((name, "uda")) for r in rounds]
        plain = [r.get((name, "supervised")) for r in rounds]
        ratio = [r[("reference-cnn", "uda")] / r[(name, "uda")] for r in rounds
                 if (name, "uda") in r and ("reference-cnn", "uda") in r]
        ceiling = run(folder, "all-labels-" + name)
        few = run(folder, "labels-only-100-" + name)
        minutes = "%s / %s" % ("%.1f" % ceiling["semisup"]["cpu_minutes_wall"] if ceiling else "–",
                               "%.1f" % few["semisup"]["cpu_minutes_wall"] if few else "–")
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, ", ".join("%.0f" % u for u in uda if u), "%.2f×" % statistics.median(ratio) if ratio else "–",
            ", ".join("%.0f" % p for p in plain if p), ceiling["semisup"]["steps"] if ceiling else "–",
            pct(ceiling, "test"), pct(ceiling, "test-raw"), pct(few, "test"), pct(few, "test-raw"), minutes))


if __name__ == "__main__":
    main(sys.argv[1])
