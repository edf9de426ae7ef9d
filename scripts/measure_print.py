"""Measure the print edition of every issue as a layout editor (排版编辑) would judge it.

    .venv/bin/python scripts/measure_print.py [PROJECT] [--size A3] [--json]

PROJECT is a paper's folder (with mkdocs.yml; default: this repository's sample). The
editions are made (or taken from the cache, .cache/ beside mkdocs.yml) and measured from
the PDFs with pdfplumber, page by page: the blank area under the last line (mean across
the width and the worst strip of 1/12 of it; text and images count, the running head and
foot do not), the share of justified body lines (not the last of a paragraph) ending more
than 1.5 pt short of their column's edge, 避头尾 faults, photos cut by more than 10% of their
area without a focus, stories side by side, the 导读 on page 1, and whether every item's text
and every photo is in the PDF.

And what a 美编 sees (tests/pdf_layout.py), where photos and boxes are not filled space:
photos as shares of the type area and their ppi as printed, lines over 32 characters, stubs,
widows, 孤字, display lines broken inside a word, a clear 头条, holes anywhere in a column
(mean over 12 strips and the worst), stretched boxes. The thresholds are the print issue's
"Done when"; the exit status is 1 when any page misses one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pdf_helpers import bare, image_objects, measure_pdf, page_texts  # noqa: E402
from pdf_layout import LIMITS as LAYOUT  # noqa: E402
from pdf_layout import LayoutFigures  # noqa: E402

LIMITS = {"blank_mean": 0.06, "blank_worst": 0.15, "short": 0.03}


@dataclass
class IssueFigures:
    issue: str
    bans: int
    pages: int
    blank_mean: list[float] = field(default_factory=list)
    blank_worst: list[float] = field(default_factory=list)
    short_lines: int = 0
    body_lines: int = 0
    kinsoku: list[str] = field(default_factory=list)
    clipped: list[str] = field(default_factory=list)  # photos cut by more than 10% without a focus
    side_by_side: list[int] = field(default_factory=list)  # 版 with stories side by side
    guide: int = 0  # stories of other 版 named in page 1's 导读
    guide_runts: list[str] = field(default_factory=list)  # 导读 lines of one or two characters (a title broken)
    missing: list[str] = field(default_factory=list)  # items whose text or photos are not in the PDF
    photos: int = 0
    images: int = 0
    messages: list[str] = field(default_factory=list)
    layout: list[LayoutFigures] = field(default_factory=list)  # page by page

    @property
    def short_share(self) -> float:
        return self.short_lines / self.body_lines if self.body_lines else 0.0

    def faults(self) -> list[str]:
        out = []
        if self.pages != self.bans:
            out.append(f"{self.pages} 页，{self.bans} 个版")
        for number, (mean, worst) in enumerate(zip(self.blank_mean, self.blank_worst), start=1):
            if mean > LIMITS["blank_mean"] or worst > LIMITS["blank_worst"]:
                out.append(f"第{number}版空白 {mean:.1%}（最空的一条 {worst:.1%}）")
        if self.short_share > LIMITS["short"]:
            out.append(f"短行 {self.short_share:.1%}")
        out += [f"避头尾：{line}" for line in self.kinsoku]
        out += [f"照片裁掉超过 10%：{src}" for src in self.clipped]
        if self.bans >= 3 and not self.side_by_side:
            out.append("没有并排的稿件")
        if self.bans >= 4 and self.guide < 3:
            out.append(f"导读只列了 {self.guide} 篇")
        out += [f"缺：{what}" for what in self.missing]
        out += self.messages
        for page in self.layout:
            out += page.faults()
        return out


def measure_edition(pdf, issue, content_dir: Path, geometry, bleed: float = 0.0) -> IssueFigures:
    """Figures of one issue's edition (``pdf``: a print.PdfFile; ``issue``: the model Issue)."""
    from shequbao.content.reading import read_text, split_front_matter
    from shequbao.print.blocks import MarkdownSetup

    figures = IssueFigures(issue.id, len(issue.sections), pdf.pages)
    for page in measure_pdf(pdf.path, geometry, bleed):
        figures.blank_mean.append(round(page.blank_mean, 4))
        figures.blank_worst.append(round(page.blank_worst, 4))
        figures.short_lines += page.short_lines
        figures.body_lines += page.body_lines
        figures.kinsoku += page.kinsoku
        figures.layout.append(page.layout)
    figures.clipped = [p["src"] for p in pdf.photos if p["shown"] < 0.9 and not p["focus"]]
    figures.side_by_side = sorted({page for page in range(1, pdf.pages + 1) if _side_by_side(pdf.rects, page)})
    figures.guide_runts = _guide_runts(pdf.path)
    texts = page_texts(pdf.path)
    printed = bare("".join(texts))
    front = bare(texts[0]) if texts else ""
    guide = front[front.find("本期导读"):] if "本期导读" in front else ""
    setup = MarkdownSetup()
    for article in issue.articles:
        if article.page != 1 and article.title and bare(article.title) in guide:
            figures.guide += 1
        if article.print.filler and any(m.text.startswith(f"{article.src}: print.filler:") for m in pdf.messages):
            continue  # a 备用稿 the edition says it had no room for (on the web only)
        _, body, _ = split_front_matter(read_text(content_dir / article.src))
        blocks, _ = setup.parse(body)
        for block in blocks:
            text = bare("".join(run.get("s", "") for run in block["runs"]))
            if text and text not in printed:
                figures.missing.append(f"{article.src}：{text[:12]}…")
                break
    figures.photos = sum(1 for a in issue.articles for image in a.images if image.src)
    figures.photos += sum(1 for m in pdf.messages if "补上了" in m.text for _ in range(m.text.count("公益广告")))
    figures.images = len(image_objects(pdf.path))
    if figures.images < figures.photos:
        figures.missing.append(f"照片 {figures.images}/{figures.photos}")
    figures.messages = [m.text for m in pdf.messages if m.severity == "warning"]
    return figures


def _guide_runts(path: Path) -> list[str]:
    """The lines of page 1's 导读 box (the smallest ruled box round its head) that hold only
    one or two characters: a title broken just before its end."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        head = next((w for w in page.extract_words() if "本期导读" in w["text"]), None)
        if head is None:
            return []
        boxes = [r for r in page.rects if r["x0"] <= head["x0"] and r["top"] <= head["top"]
                 and r["x1"] >= head["x1"] and r["bottom"] >= head["bottom"] + 2 * (head["bottom"] - head["top"])
                 and r["width"] < page.width * 0.9]  # not the head's own red label
        if not boxes:
            return []
        box = min(boxes, key=lambda r: r["width"] * r["height"])
        lines = page.crop((box["x0"], box["top"], box["x1"], box["bottom"])).extract_text_lines()
    runts = []
    for line in lines:  # a line crosses the box's columns: cut it where the gap is wider than a character
        segment, last = [], None
        for char in [c for c in line["chars"] if c["text"].strip()] + [None]:
            if char is None or (last is not None and char["x0"] - last["x1"] > 1.2 * last["size"]):
                if 0 < len(segment) <= 2:
                    runts.append("".join(segment))
                segment = []
            if char is not None:
                segment.append(char["text"])
                last = char
    return runts


def _side_by_side(rects: dict, page: int) -> bool:
    boxes = [r for found in rects.values() for r in found if r["page"] == page]
    for a in boxes:
        for b in boxes:
            if a is not b and a["x"] + a["w"] <= b["x"] + 1e-3 and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]:
                return True
    return False


def measure_project(project: Path, size: str | None = None, images: bool = True,
                    only: tuple[str, ...] = ()) -> list[IssueFigures]:
    from shequbao.content.load import load_archive
    from shequbao.mkdocs.settings import load_settings
    from shequbao.print import PrintOptions, build_editions

    settings = load_settings(project / "mkdocs.yml")
    base = settings.print
    options = PrintOptions(size or base.page_size, base.columns, base.bleed)
    archive, _ = load_archive(settings.content_dir, settings.paper)
    issues = tuple(i for i in archive.issues if i.print and (not only or i.id in only))
    pdfs = build_editions(archive, settings.content_dir, settings.cache_root, options, settings.markdown, images=images,
                          issues=issues)
    return [measure_edition(pdf, issue, settings.content_dir, options.geometry()) for pdf, issue in zip(pdfs, issues)]


def describe_page(p: LayoutFigures) -> str:
    ppi = f"{p.ppi_min} ppi" if p.ppi_min else "无照片"
    return (f"第{p.page}版 照片 最大 {p.photo_max:.0%} 合计 {p.photo_total:.0%} {ppi} | 长行 {len(p.long_lines)}"
            f" | 短条 {len(p.stubs)} 寡行 {len(p.widows)} 孤字 {len(p.orphans)} | 断词 {len(p.broken)}"
            f" | 头条 {'有' if p.lead else '无'}（{p.stories} 题） | 空洞 {p.holes_mean:.1%}/{p.holes_worst:.1%}"
            f" | 撑大的框 {len(p.stretched)} | 太高的照片 {len(p.tall)} | 图说 {len(p.captions)} | 横条 {len(p.strips)}"
            f" | 公益广告 {len(p.posters)}")


def summary(results: list[IssueFigures]) -> list[str]:
    """One line per criterion of the "Done when": pages that miss it, of all pages, and the worst figure."""
    pages = [p for r in results for p in r.layout]
    rows = [
        ("最大照片 ≤ 20%", lambda p: p.photo_max <= LAYOUT["photo_max"], lambda p: f"{p.photo_max:.0%}"),
        ("照片合计 ≤ 35%", lambda p: p.photo_total <= LAYOUT["photo_total"], lambda p: f"{p.photo_total:.0%}"),
        ("照片 ≥ 180 ppi", lambda p: (p.ppi_min or 999) >= LAYOUT["ppi"], lambda p: f"{p.ppi_min or '-'}"),
        ("行 ≤ 32 字", lambda p: not p.long_lines, lambda p: f"{len(p.long_lines)}"),
        ("短条 ≤ 1", lambda p: len(p.stubs) <= 1, lambda p: f"{len(p.stubs)}"),
        ("寡行 ≤ 1", lambda p: len(p.widows) <= 1, lambda p: f"{len(p.widows)}"),
        ("孤字 ≤ 1", lambda p: len(p.orphans) <= 1, lambda p: f"{len(p.orphans)}"),
        ("标题不断词", lambda p: not p.broken, lambda p: f"{len(p.broken)}"),
        ("有头条", lambda p: p.lead, lambda p: "无" if not p.lead else "有"),
        ("空洞 ≤ 5%", lambda p: p.holes_mean <= LAYOUT["holes_mean"], lambda p: f"{p.holes_mean:.1%}"),
        ("最空条 ≤ 15%", lambda p: p.holes_worst <= LAYOUT["holes_worst"], lambda p: f"{p.holes_worst:.1%}"),
        ("框不撑大", lambda p: not p.stretched, lambda p: f"{len(p.stretched)}"),
        ("照片高 ≤ 25%", lambda p: not p.tall, lambda p: "/".join(p.tall)),
        ("图说在照片下", lambda p: not p.captions, lambda p: f"{len(p.captions)}"),
        ("无横条文字", lambda p: not p.strips, lambda p: f"{len(p.strips)}"),
        ("公益广告成块", lambda p: not p.posters, lambda p: f"{len(p.posters)}"),
    ]
    out = []
    for name, ok, figure in rows:
        bad = [p for p in pages if not ok(p)]
        worst = figure(bad[0]) if len(bad) == 1 else ", ".join(figure(p) for p in bad[:6])
        out.append(f"{name:<12} 不合格 {len(bad)}/{len(pages)} 页" + (f"（{worst}）" if bad else ""))
    faults = sum(len(r.kinsoku) for r in results)
    short = sum(r.short_lines for r in results) / max(1, sum(r.body_lines for r in results))
    out.append(f"避头尾 {faults} 处；短行 {short:.1%}；一版一页 {all(r.pages == r.bans for r in results)}；"
               f"缺字 {sum(len(r.missing) for r in results)} 处")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--size")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--summary", action="store_true", help="only the table of the Done when")
    parser.add_argument("--issue", action="append", default=[], help="only this issue (its folder name); may repeat")
    args = parser.parse_args(argv)
    results = measure_project(args.project.resolve(), args.size, only=tuple(args.issue))
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    if args.summary:
        print("\n".join(summary(results)))
        return 1 if any(r.faults() for r in results) else 0
    for r in results:
        blanks = " ".join(f"{m:.1%}/{w:.1%}" for m, w in zip(r.blank_mean, r.blank_worst))
        print(f"{r.issue}: {r.pages} 页/{r.bans} 版 | 空白(平均/最空条) {blanks} | 短行 {r.short_lines}/{r.body_lines}"
              f" = {r.short_share:.1%} | 避头尾 {len(r.kinsoku)} | 裁切>10% {len(r.clipped)} | 并排的版 {r.side_by_side}"
              f" | 导读 {r.guide} 篇 | 照片 {r.images}/{r.photos} | 缺 {len(r.missing)}")
        for page in r.layout:
            print("  " + describe_page(page))
        for fault in r.faults():
            print(f"  ✗ {fault}")
    return 1 if any(r.faults() for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
