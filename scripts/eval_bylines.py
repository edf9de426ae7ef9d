#!/usr/bin/env python3
"""Bylines in other placements: the corpus issues rewritten at run time, each ■ byline moved
to where other papers print it, then scored with ``eval_import.evaluate`` (the answer key does
not change: bylines are never part of an article's body).

    python scripts/eval_bylines.py CORPUS_DIR [-v]

Placements (each applied to every ■ byline of an issue):

- ``under``: on its own line, centred under the headline (and its 副题), as ``通讯员 田慧聪``;
  an item without a headline keeps it on its own line after its text;
- ``after``: on its own line after the text (``■田慧聪``);
- ``brackets``: in brackets after the text (``……建议。（田慧聪）``, ``（陈凯庭 摄）``);
- ``wrapped``: cut after its first character by a narrow column (``……建议。■田`` / ``慧聪``);
- ``credits``: ``■杨惠明 陈凯庭文/摄`` as ``文/杨惠明 陈凯庭 图/陈凯庭``, ``■陈凯庭 摄`` as ``图/陈凯庭``;
- ``lead``: ``本报讯(通讯员张志举 记者毛玺玺)`` as ``本报讯 通讯员 张志举 记者 毛玺玺 ``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_import import evaluate, f1, squeeze  # noqa: E402

TAIL = re.compile(r"^(?P<body>.*?)\s*■(?P<byline>[^■]{2,40})$")
CENTRE = "\u3000" * 6


def _heads(truth: list[dict]) -> dict[str, tuple[str, str]]:
    """last 15 characters of a body → (headline, subheadline) of its article."""
    return {squeeze(t["last_chars"]): (t.get("headline") or "", t.get("subheadline") or "") for t in truth}


def _headline_line(lines: list[str], end: int, head: str, sub: str) -> int | None:
    """Index of the last headline line (the 副题 if printed below) of the article ending at ``end``."""
    for i in range(end, -1, -1):
        if head and lines[i].strip().lstrip("#").strip() == head.strip():
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if sub and j < len(lines) and squeeze(lines[j]).lstrip("#").removeprefix("——") == squeeze(sub).removeprefix("——"):
                return j
            return i
    return None


def under(lines: list[str], truth: list[dict]) -> list[str]:
    heads = _heads(truth)
    out = list(lines)
    for i in range(len(out) - 1, -1, -1):
        m = TAIL.match(out[i])
        if not m or "摄" in m["byline"]:
            continue
        byline = m["byline"].strip()
        if not re.match(r"^(?:记者|通讯员|实习生)", byline):
            byline = "通讯员 " + byline
        body = m["body"]
        head = next((hs for last, hs in heads.items() if squeeze(body).endswith(last)), None)
        at = _headline_line(out, i, *head) if head and head[0] else None
        if at is None:
            out[i:i + 1] = [body, byline] if body else [byline]
        else:
            out[i] = body
            out.insert(at + 1, CENTRE + byline)
    return out


def after(lines: list[str], truth: list[dict]) -> list[str]:
    out = []
    for line in lines:
        m = TAIL.match(line)
        out += [m["body"], "■" + m["byline"].strip()] if m and m["body"] else [line]
    return out


def brackets(lines: list[str], truth: list[dict]) -> list[str]:
    out = []
    for line in lines:
        m = TAIL.match(line)
        out.append(f"{m['body']}（{m['byline'].strip()}）" if m and m["body"] else line)
    return out


def wrapped(lines: list[str], truth: list[dict]) -> list[str]:
    out = []
    for line in lines:
        m = TAIL.match(line)
        byline = m["byline"].strip() if m else ""
        if m and m["body"] and re.fullmatch(r"[\u3400-\u9fff]{3,4}", byline):
            out += [f"{m['body']}■{byline[0]}", byline[1:]]
        else:
            out.append(line)
    return out


def credits(lines: list[str], truth: list[dict]) -> list[str]:
    out = []
    for line in lines:
        m = TAIL.match(line)
        byline = m["byline"].strip() if m else ""
        both = re.fullmatch(r"(.+?)\s*([\u3400-\u9fff]{2,4})文/摄", byline)
        if both:
            line = f"{m['body']} 文/{both[1]} {both[2]} 图/{both[2]}"
        elif m and (photo := re.fullmatch(r"([\u3400-\u9fff]{2,4})\s*摄", byline)):
            line = f"{m['body']} 图/{photo[1]}"
        out.append(line)
    return out


LEAD = re.compile(r"本报讯[(（]([^()（）]{2,40})[)）]")
_ROLE_SPACE = re.compile(r"(通讯员|记者|实习生)\s*")


def lead(lines: list[str], truth: list[dict]) -> list[str]:
    """``本报讯(通讯员张志举 记者毛玺玺)`` as ``本报讯 通讯员 张志举 记者 毛玺玺 ``…: no brackets, spaces."""
    return [LEAD.sub(lambda m: "本报讯 " + _ROLE_SPACE.sub(r"\1 ", m[1]).strip() + " ", line) for line in lines]


PLACEMENTS = {"under": under, "after": after, "brackets": brackets, "wrapped": wrapped, "credits": credits, "lead": lead}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    truth = json.loads((args.corpus / "truth.json").read_text(encoding="utf-8"))
    for name, change in PLACEMENTS.items():
        total: Counter = Counter()
        for path in sorted(args.corpus.glob("*.txt")):
            if path.name not in truth:
                continue
            key = truth[path.name]["articles"]
            lines = path.read_text(encoding="utf-8").splitlines()
            text = "\n".join(change(lines, key)) + "\n"
            r = evaluate(text, key, args.verbose)
            total.update({k: v for k, v in r.items() if isinstance(v, int)})
            print(f"{name:9} {path.name:26} {_scores(r)}")
        print(f"{name:9} {'OVERALL':26} {_scores(total)}")
    return 0


def _scores(r: dict) -> str:
    sp, sr = r["match"] / max(r["pred"], 1), r["match"] / max(r["truth"], 1)
    np_, nr = r["name_tp"] / max(r["name_pred"], 1), r["name_tp"] / max(r["name_truth"], 1)
    names = f"{f1(np_, nr):.3f}" if r["name_truth"] or r["name_pred"] else "  —  "  # no names in the key
    return f"seg F1 {f1(sp, sr):.3f} | names F1 {names} | lost {r['lost']}"


if __name__ == "__main__":
    sys.exit(main())
