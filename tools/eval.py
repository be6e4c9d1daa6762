#!/usr/bin/env python3
"""Score the engine on the six gold dev groups (../shared/eval/dev and dev-real).

    python3 tools/eval.py [--bin PATH] [--options FILE.json] [--groups a,b] [--own]

Writes one report per group (documents in gold order) with `counterpart report --json`,
scores it with the project's scorer and prints one line per group and the mean.
With --own it scores our own groups (eval/own, on which nothing is tuned) instead.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(ROOT, "..", "shared", "eval")
OWN = os.path.join(ROOT, "eval", "own")


def groups(own=False):
    out = []
    for base in [OWN] if own else [os.path.join(EVAL, sub) for sub in ("dev", "dev-real")]:
        for g in sorted(os.listdir(base)):
            if os.path.isfile(os.path.join(base, g, "gold.json")):
                out.append(os.path.join(base, g))
    return out


def documents(group):
    gold = json.load(open(os.path.join(group, "gold.json"), encoding="utf-8"))
    return [os.path.join(group, gold["documents"][k]) for k in sorted(gold["documents"])]


def run(binary, group, out, options=None, extra=()):
    cmd = [binary, "report", "--json", out]
    if options:
        cmd += ["--align-options", options]
    cmd += list(extra) + documents(group)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def score(report, group):
    r = subprocess.run([sys.executable, os.path.join(EVAL, "score.py"), report, group],
                       check=True, capture_output=True, text=True)
    last = r.stdout.strip().splitlines()[-1]
    vals = dict(p.split("=") for p in last.split() if "=" in p)
    return {k: float(v) for k, v in vals.items() if k in ("themes_acc", "align_f1", "seg")}


def evaluate(binary, options=None, only=None, own=False):
    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        for g in groups(own):
            name = os.path.basename(g)
            if only and name not in only:
                continue
            rep = os.path.join(tmp, name + ".json")
            run(binary, g, rep, options)
            res[name] = score(rep, g)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "counterpart"))
    ap.add_argument("--options")
    ap.add_argument("--groups")
    ap.add_argument("--own", action="store_true", help="score our own held-out groups (eval/own)")
    a = ap.parse_args()
    res = evaluate(a.bin, a.options, a.groups.split(",") if a.groups else None, a.own)
    for name, s in res.items():
        print(f"{name:24} themes={s['themes_acc']:.4f} align_f1={s['align_f1']:.4f} seg={s['seg']:.4f}")
    n = len(res)
    mean = {k: sum(s[k] for s in res.values()) / n for k in ("themes_acc", "align_f1", "seg")}
    print(f"{'mean':24} themes={mean['themes_acc']:.4f} align_f1={mean['align_f1']:.4f} seg={mean['seg']:.4f}")


if __name__ == "__main__":
    main()
