#!/usr/bin/env python3
"""Per-theme precision and recall of the engine on the six gold dev groups.

    python3 tools/themes.py [--bin PATH] [--errors] [--groups a,b]

Runs `counterpart report --json` on each group (as tools/eval.py does), maps every gold
sentence to the segment that overlaps it most (as the scorer does) and counts, per theme,
true positives (predicted theme is the gold theme or an accepted `also` theme, credited to
the predicted theme), false positives and false negatives (credited to the gold theme).
Prints P/R per theme per group and pooled over all groups; `--errors` lists each wrong
sentence with its gold and predicted theme.
"""
import argparse
import importlib.util
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402

spec = importlib.util.spec_from_file_location("score", os.path.join(ev.EVAL, "score.py"))
score_mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score_mod)


def judged(binary, group, tmp):
    """[(gold sentence, predicted theme or None, accepted)] for one group."""
    name = os.path.basename(group)
    rep = os.path.join(tmp, name + ".json")
    ev.run(binary, group, rep)
    gold = score_mod.load_gold(group)
    segs, _, _ = score_mod.load_report(rep, gold)
    out = []
    for s in gold["sentences"]:
        a, b = s["span"]
        best, over = None, 0
        for seg in segs[s["doc"]]:
            o = min(b, seg["end"]) - max(a, seg["start"])
            if o > over:
                best, over = seg, o
        pred = best["theme"] if best else None
        out.append((s, pred, pred in s["accept"]))
    return out


def counts(rows):
    c = {}
    for s, pred, ok in rows:
        truth = pred if ok else s["theme"]
        for t in {truth, pred} - {None}:
            c.setdefault(t, [0, 0, 0])
        if ok:
            c[pred][0] += 1
        else:
            c[s["theme"]][2] += 1
            if pred is not None:
                c[pred][1] += 1
    return c


def table(c):
    order = [t for t in score_mod.THEMES if t in c]
    lines = []
    for t in order:
        tp, fp, fn = c[t]
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        lines.append(f"  {t:13} P={p:.2f} R={r:.2f}  (tp={tp} fp={fp} fn={fn})")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ev.ROOT, "target", "release", "counterpart"))
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--groups")
    a = ap.parse_args()
    only = a.groups.split(",") if a.groups else None
    pooled = []
    with tempfile.TemporaryDirectory() as tmp:
        for g in ev.groups():
            name = os.path.basename(g)
            if only and name not in only:
                continue
            rows = judged(a.bin, g, tmp)
            pooled += rows
            acc = sum(ok for _, _, ok in rows) / len(rows)
            print(f"{name} (accuracy {acc:.4f})")
            print(table(counts(rows)))
            if a.errors:
                for s, pred, ok in rows:
                    if not ok:
                        also = "/".join(s.get("also") or [])
                        text = " ".join(s["text"].split())
                        print(f"    ✗ {s['id']:5} gold={s['theme']}{'+' + also if also else ''} "
                              f"pred={pred}: {text[:160]}")
    print("all groups pooled")
    print(table(counts(pooled)))


if __name__ == "__main__":
    main()
