#!/usr/bin/env python3
"""Score the engine on the dev groups and our own groups with their documents laid out
another way, and print what moved: the same words should give the same comparison.

    python3 tools/layout.py [--bin PATH] [MODE ...]

Modes (all by default):
  wrap72, wrap50  every line hard-wrapped at 72 or 50 columns, as text copied from a PDF
  prop            wrapped where a line set in a proportional font (Helvetica's widths) grows
                  past 36 ems, about 70 characters: lines of one paragraph differ in length
  hyphen          wrapped at 60 columns; a word that no longer fits is broken after its own
                  hyphen (`non-` / `tariff`), or, ten letters or longer, with one (`coop-` / `eration`)
  double          wrapped at 72 columns and double-spaced (a blank line after every line)
  noblank         wrapped at 72 columns with no blank lines: paragraphs and headings only start
                  on a new line, as a PDF viewer copies them
  lines           as the original (not wrapped), with no blank lines: one paragraph a line
  crlf            Windows line ends
  indent          every line indented by four spaces
  nbsp            a no-break space after every figure ("USD 1 billion")
  pdf             wrapped at 72 columns, with a page number line ("- 3 -") every 40 lines
  header          as pdf, and a running header ("Joint Statement 2024") at the top of every page,
                  the first one included
  viewer          as header, copied by a PDF viewer: no blank lines

Each gold sentence is carried over to the new layout (its text is what the new
document holds where the sentence stood), so the scores compare like with like.
Prints one line per group whose themes, alignment or segmentation differ from the
plain layout's, then the means.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402

MODES = ["wrap72", "wrap50", "hyphen", "prop", "double", "noblank", "lines", "crlf", "indent", "nbsp", "pdf", "header", "viewer"]

# Helvetica's advance widths (thousandths of an em) for what a proportional font sets
# narrower or wider than its average; other characters take AVERAGE_WIDTH.
NARROW = {**dict.fromkeys("ijl|'", 222), **dict.fromkeys("ftI!.,:;()[] -", 278), "r": 333}
WIDE = {**dict.fromkeys("mMW", 833), "w": 722, **dict.fromkeys("ABCDHKNRUVXY", 722),
        **dict.fromkeys("GOQ", 778)}
AVERAGE_WIDTH = 556
PAGE_LINES = 40


def wrapped(chars, width):
    """One piece per character: a space where a line grows past `width` becomes a line break."""
    pieces = list(chars)
    start, last_space = 0, -1
    for i, c in enumerate(chars):
        if c == "\n":
            start, last_space = i + 1, -1
            continue
        if c == " ":
            last_space = i
        if i - start >= width and last_space > start:
            pieces[last_space] = "\n"
            start, last_space = last_space + 1, -1
    return pieces


def set_proportional(chars, ems):
    """One piece per character: wrapped where a line set in a proportional font grows past
    `ems` ems, as a PDF's lines are; counted in characters its lines differ in length."""
    pieces = list(chars)
    start, last_space, used = 0, -1, 0
    for i, c in enumerate(chars):
        if c == "\n":
            start, last_space, used = i + 1, -1, 0
            continue
        if c == " ":
            last_space = i
        used += NARROW.get(c) or WIDE.get(c) or AVERAGE_WIDTH
        if used > ems * 1000 and last_space > start:
            pieces[last_space] = "\n"
            start, last_space = last_space + 1, -1
            used = sum(NARROW.get(x) or WIDE.get(x) or AVERAGE_WIDTH for x in chars[start:i + 1])
    return pieces


def hyphenated(chars, width):
    """One piece per character: wrapped at `width`, and where the word that no longer fits
    has ten letters or more, as many of its first letters as fit (four or more, two left
    over) stay on the line with a hyphen, as a typesetter fills a line (`… in economic
    coop-` / `eration`). No line grows past `width`."""
    pieces = list(chars)
    start, i = 0, 0
    while i < len(chars):
        if chars[i] == "\n":
            start = i + 1
        elif chars[i] == " " and i > start:
            end = i + 1
            while end < len(chars) and chars[end] not in " \n":
                end += 1
            if end - start > width:
                word = end - i - 1
                room = width - (i + 1 - start) - 1
                letters = all(c.isalpha() for c in chars[i + 1:end])
                # A compound breaks after its own hyphen (`non-` / `tariff`).
                hyphen = next((h for h in range(i + 1 + min(room, word) - 1, i + 1, -1)
                               if chars[h] == "-" and chars[h - 1].isalpha() and chars[h + 1].isalpha()), None)
                if hyphen is not None:
                    pieces[hyphen] = "-\n"
                    start = hyphen + 1
                elif letters and word >= 10 and room >= 4 and word - room >= 2:
                    cut = i + 1 + room
                    pieces[cut - 1] = chars[cut - 1] + "-\n"
                    start = cut
                else:
                    pieces[i] = "\n"
                    start = i + 1
        i += 1
    return pieces


def pdf_width(text):
    """The width a PDF sets `text` at: 72 columns, or its own where it is hard-wrapped
    already (no line over 90 characters); wrapped again, it would leave stairs
    (`… construction of the` / `Kambarata` / `HPP-1, …`) that no PDF has."""
    return 72 if max(len(line) for line in text.split("\n")) > 90 else 10**9


def pieces_of(mode, text):
    """What each character of `text` becomes in `mode`."""
    chars = list(text)
    if mode in ("wrap72", "wrap50"):
        return wrapped(chars, int(mode[4:]))
    if mode == "hyphen":
        return hyphenated(chars, 60)
    if mode == "prop":
        return set_proportional(chars, 36)
    if mode in ("noblank", "lines"):
        pieces = wrapped(chars, pdf_width(text)) if mode == "noblank" else list(chars)
        for i, p in enumerate(pieces):
            if p == "\n" and i > 0 and pieces[i - 1] in ("\n", ""):
                pieces[i] = ""
        return pieces
    if mode == "double":
        return ["\n\n" if p == "\n" else p for p in wrapped(chars, 72)]
    if mode == "crlf":
        return ["\r\n" if c == "\n" else c for c in chars]
    if mode == "indent":
        return ["\n    " if c == "\n" else c for c in chars]
    if mode == "nbsp":
        return ["\u00a0" if c == " " and i > 0 and chars[i - 1].isdigit() else c for i, c in enumerate(chars)]
    if mode in ("pdf", "header"):
        pieces, lines, page = wrapped(chars, 72 if mode == "pdf" else pdf_width(text)), 0, 1
        header = "Joint Statement 2024\n\n" if mode == "header" else ""
        pieces[0] = header + pieces[0]
        for i, p in enumerate(pieces):
            if p == "\n":
                lines += 1
                if lines % PAGE_LINES == 0:
                    page += 1
                    pieces[i] = f"\n\n- {page} -\n\n{header}"
        return pieces
    if mode == "viewer":
        # The paged layout with its running headers, copied by a PDF viewer: no blank lines.
        out, last = [], ""
        for piece in pieces_of("header", text):
            kept = ""
            for c in piece:
                if c == "\n" and last in ("\n", ""):
                    continue
                kept += c
                last = c
            out.append(kept)
        return out
    raise SystemExit(f"layout.py: unknown mode {mode!r} (modes: {', '.join(MODES)})")


def relaid(group, mode, out):
    """Writes `group` in `mode` under `out` (documents and gold) and returns the new group."""
    gold = json.load(open(os.path.join(group, "gold.json"), encoding="utf-8"))
    target = os.path.join(out, mode, os.path.basename(group))
    old, new, where = {}, {}, {}
    for k, name in gold["documents"].items():
        text = open(os.path.join(group, name), encoding="utf-8").read()
        pieces = pieces_of(mode, text)
        starts, n = [], 0
        for p in pieces:
            starts.append(n)
            n += len(p)
        starts.append(n)
        path = os.path.join(target, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(pieces))
        old[k], new[k], where[k] = text, "".join(pieces), starts
    after = {k: 0 for k in old}
    for s in gold["sentences"]:
        d = s["doc"]
        a = old[d].find(s["text"], after[d])
        if a < 0:
            raise SystemExit(f"layout.py: {group}: sentence {s['id']} not found")
        b = a + len(s["text"])
        s["text"] = new[d][where[d][a]:where[d][b]].rstrip()
        after[d] = b
    with open(os.path.join(target, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False)
    return target


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ev.ROOT, "target", "release", "counterpart"))
    ap.add_argument("modes", nargs="*", default=MODES)
    a = ap.parse_args()
    groups = ev.groups() + ev.groups(own=True)
    with tempfile.TemporaryDirectory() as tmp:
        plain = {}
        for g in groups:
            rep = os.path.join(tmp, os.path.basename(g) + ".json")
            ev.run(a.bin, g, rep)
            plain[os.path.basename(g)] = ev.score(rep, g)
        keys = ("themes_acc", "align_f1", "seg")
        for mode in a.modes:
            moved, sums = [], {k: 0.0 for k in keys}
            for g in groups:
                name = os.path.basename(g)
                target = relaid(g, mode, tmp)
                rep = os.path.join(tmp, f"{mode}-{name}.json")
                ev.run(a.bin, target, rep)
                s = ev.score(rep, target)
                for k in keys:
                    sums[k] += s[k] - plain[name][k]
                if any(abs(s[k] - plain[name][k]) > 1e-9 for k in keys):
                    moved.append(f"  {name:24} " + "  ".join(f"{k} {plain[name][k]:.3f} → {s[k]:.3f}" for k in keys))
            print(f"{mode}: {len(moved)} of {len(groups)} groups move; mean change "
                  + ", ".join(f"{k} {sums[k] / len(groups):+.4f}" for k in keys))
            print("\n".join(moved))


if __name__ == "__main__":
    main()
