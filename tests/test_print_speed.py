"""What makes the print edition fast must not change it: headline pieces of common Chinese
characters are taken as one em a character without asking Typst (Typst measures them so), and
the 备用稿 are measured only when a 版 has room (the pages are the same as when they are measured
with the rest). The speed itself: scripts/bench_pdf.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.print import PrintOptions
from shequbao.print import layout as layout_module
from shequbao.print.blocks import MarkdownSetup
from shequbao.print.content import issue_content
from shequbao.print.fillers import load_posters
from shequbao.print.measure import PIECE_SIZE, is_em_square
from shequbao.print.photo_sizes import photo_size
from shequbao.print.render import engine

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


def test_common_chinese_pieces_are_one_em_a_character_as_typst_measures_them():
    pieces = ["区政协不断提升提案评议工作水平", "一", "龥", "鑫淼焱", "银杏苑居民区", "丹桂", "睦邻点开张"]
    mixed = ["15分钟", "“睦邻点”", "社区 食堂", "Wi-Fi覆盖", "居民区。", "𠀋", "〇"]
    assert all(is_em_square(p) for p in pieces) and not any(is_em_square(p) for p in mixed)
    found = engine().measure({"blocks": [], "texts": [], "pieces": [
        {"id": f"w{i}", "text": text, "font": "sans", "weight": "bold"} for i, text in enumerate(pieces + mixed)]})
    for i, text in enumerate(pieces):
        assert found[f"w{i}"] == PIECE_SIZE * len(text), text
    assert found[f"w{len(pieces)}"] != PIECE_SIZE * len(mixed[0])  # digits are narrower: these are measured


@pytest.fixture(scope="module")
def issue_103():
    paper = Paper("桂园", "桂园街道办事处", "准印证号（示例）K-0000")
    archive, _ = load_archive(CONTENT, paper)
    issue = next(i for i in archive.issues if i.number == 103)
    posters, _ = load_posters(CONTENT, photo_size)
    return issue_content(archive, issue, CONTENT, MarkdownSetup(), lambda src: photo_size(CONTENT / src), posters)


def counted(monkeypatch) -> list[int]:
    """The number of body blocks in each Typst measure from now on."""
    calls: list[int] = []
    eng = engine()
    measure = eng.measure

    def counting(data):
        calls.append(len(data["blocks"]))
        return measure(data)

    monkeypatch.setattr(eng, "measure", counting)
    return calls


@pytest.mark.slow  # a 4-版 issue laid out at A3, two 版 of it twice at 4开
def test_the_fillers_are_measured_only_when_a_page_has_room(issue_103, monkeypatch):
    fillers = len([item for page in issue_103.pages for item in page.fillers])
    assert fillers >= 9  # the sample's 备用稿 (14)
    calls = counted(monkeypatch)
    full = layout_module.lay_out(issue_103, PrintOptions("A3"), engine())
    assert len(calls) == 1  # every 版 full at A3: the 备用稿 are never set
    assert sum("这期各版都没有空位" in m.text for m in full.messages) == fillers

    calls.clear()
    front = replace(issue_103, pages=issue_103.pages[:2])  # 第1、2版 (at 4开 both have room), half the work
    roomy = layout_module.lay_out(front, PrintOptions("4开"), engine())
    assert len(calls) == 2 and sum("补上了备用稿" in m.text for m in roomy.messages) == 2

    class Eager(layout_module.FillerMetrics):  # as before: measured with everything else
        def __init__(self, content, measure):
            super().__init__(content, measure)
            self._all()

    monkeypatch.setattr(layout_module, "FillerMetrics", Eager)
    eager = layout_module.lay_out(front, PrintOptions("4开"), engine())
    assert eager.typst_input(PrintOptions("4开")) == roomy.typst_input(PrintOptions("4开"))
    assert [m.text for m in eager.messages] == [m.text for m in roomy.messages]


def test_a_png_poster_is_sized_upright_without_decoding_its_pixels(tmp_path, monkeypatch):
    """The pool's posters are PNGs of 3000 px; their EXIF orientation is read before or after the
    pixels as before, and a PNG with nothing after its pixels is never decoded."""
    import struct

    from PIL import Image, ImageFile

    exif = Image.Exif()
    exif[274] = 6  # turned: shown 90° rotated
    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "before.png", exif=exif.tobytes())
    Image.new("RGB", (300, 200), (200, 30, 30)).save(tmp_path / "plain.png")
    data = (tmp_path / "before.png").read_bytes()
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.append((kind, data[at:at + 12 + length]))
        at += 12 + length
    moved = [c for k, c in chunks if k not in (b"eXIf", b"IEND")] + [c for k, c in chunks if k in (b"eXIf", b"IEND")]
    (tmp_path / "after.png").write_bytes(data[:8] + b"".join(moved))  # EXIF after the pixels (allowed by PNG)
    assert photo_size(tmp_path / "before.png") == (200, 300)
    assert photo_size(tmp_path / "after.png") == (200, 300)

    def no_decoding(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    assert photo_size(tmp_path / "plain.png") == (300, 200)
    assert photo_size(tmp_path / "before.png") == (200, 300)
