"""What a scan makes of the photo's edge and what stands under it: a caption whose first line
the photo's box took in, a caption read at body size in another face (not an 引题 of the
headline under it), a credit closing a caption, and a 版 header whose number and 版 OCR read
as one character. Synthetic OCR lines (no tesseract)."""

from __future__ import annotations

from ocr_helpers import inked_page, read_line

from shequbao.importer.bylines import split_credit
from shequbao.importer.pdf.ocrimage import _Pixels
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import drop_covered, mend_header
from shequbao.importer.pdf.ocrsizes import group_sizes, mark_face_captions

EM = 28
SCALE = 72 / 200


def _line(text: str, left: int, base: int, em: int = EM, density: float = 0.16) -> OcrLine:
    words = [Word(left + i * em, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base), density=density)


def _photo(top: int, bottom: int, x0: int = 100, x1: int = 580) -> dict:
    wide, high = x1 - x0, bottom - top
    return {"x0": x0 * SCALE, "x1": x1 * SCALE, "top": top * SCALE, "bottom": bottom * SCALE,
            "srcsize": (wide, high), "stream": _Pixels(bytes(wide * high))}


def test_a_caption_line_the_photos_box_ends_with_is_kept_and_the_photo_ends_above_it():
    """The photo's box found down to the ink of the caption's first line (its baseline): the
    line stays text, and the photo ends above it."""
    caption = _line("7月19日在区2012年企业职工节能减排知识竞", 100, 1000)
    photo = _photo(700, 1000)
    kept = drop_covered([caption], [photo], SCALE)
    assert kept == [caption]
    assert photo["bottom"] < (caption.base - 0.8 * EM) * SCALE + 1


def _page(face_density: float) -> tuple[list[OcrLine], list[OcrLine], dict]:
    body = [_line("居民区把大家的建议整理成清单逐条明", 100, 100 + 46 * n) for n in range(12)]
    other = [_line("居民区把大家的建议整理成清单逐条明", 700, 1000 + 40 * n) for n in range(4)]
    caption = [_line("赛总决赛中平凉地区总工会参赛队获得团", 100, 1000 + 30 + 40 * n, em=27, density=face_density)
               for n in range(2)]
    head = _line("居委会换届选举有序推进", 110, caption[-1].base + 70, em=52, density=0.4)
    return [*body, *other, *caption, head], caption, _photo(700, 1000)


def test_caption_lines_in_another_face_under_a_photo_are_small_print():
    """Two caption lines read a little darker than the body (another face, at about its size)
    under a photo, with a column of text beside them: both are small print, so the last is no
    引题 of the headline under it; the text beside them stays body text."""
    lines, caption, photo = _page(face_density=0.23)
    body, sizes = group_sizes([lines])
    assert all(sizes[id(ln)][2] not in ("Scan-Body",) and sizes[id(ln)][0] >= 0.93 * body for ln in caption)
    mark_face_captions(lines, [photo], SCALE, sizes, body)
    assert all(sizes[id(ln)][0] < 0.96 * body and sizes[id(ln)][2] == "Scan-Caption" for ln in caption)
    assert all(sizes[id(ln)][2] == "Scan-Body" for ln in lines[12:16])


def _text(line: OcrLine, face: str, gaps: dict) -> str:
    for i, w in enumerate(line.words):
        w.left += sum(v for k, v in gaps.items() if k <= i)
    return read_line(line, face, inked_page(line.words, (400, 2400)), SCALE)


def test_a_credit_closing_a_caption_is_set_apart():
    """…殊荣。文/图杨惠明陈凯庭 and …进行。陈凯庭摄, their spaces lost: the credit comes apart
    from the caption and the names from each other, so the caption keeps only its text."""
    text = _text(_line("等奖的殊荣。文/图杨惠明陈凯庭", 100, 200), "Scan-Caption", {12: 6})
    assert split_credit(text) == ("等奖的殊荣。", split_credit("等奖的殊荣。 文/图 杨惠明 陈凯庭")[1])
    caption, credit = split_credit(_text(_line("在卫生中心会议室进行。陈凯庭摄", 100, 200), "Scan-Caption", {}))
    assert caption == "在卫生中心会议室进行。" and credit.people == {"photographers": ["陈凯庭"]}


def test_a_header_whose_number_and_ban_are_read_as_one_character_names_its_page():
    """第到”文化 on the fourth page (4版 read as 到): it is 第4版 again, so 下转第4版 finds it;
    第三”社区 or 第期 stay as read."""
    fourth, third, issue = _line("第到”文化", 80, 100), _line("第三”社区", 80, 100), _line("第期”社区", 80, 100)
    mend_header([fourth], 4, 2339)
    mend_header([third, issue], 3, 2339)
    assert ["".join(w.text for w in ln.words) for ln in (fourth, third, issue)] == ["第4版”文化", "第三”社区", "第期”社区"]
