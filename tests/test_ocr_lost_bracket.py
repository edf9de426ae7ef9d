"""A brief's byline in brackets broken over two lines, whose （ a scan's OCR lost at the end
of the first line: …视频通话。欧 | 阳文君）. The brief still ends at its byline, so the next
brief is a draft of its own."""

from __future__ import annotations

from shequbao.importer.bylines import split_tail


def test_a_byline_whose_opening_bracket_was_lost_still_closes_a_brief():
    text, byline = split_tail("11月8日，街道社区学校开设智能手机课堂，志愿者手把手教老人用手机挂号、缴费和视频通话。欧阳文君）")
    assert text.endswith("视频通话。") and byline is not None and byline.people == {"authors": ["欧阳文君"]}


def test_words_in_a_closed_or_unopened_bracket_that_name_nobody_stay_text():
    for printed in ("居民们纷纷表示满意。（详见下文）", "居民们纷纷表示满意。详见下文）", "活动持续到月底。（完）"):
        assert split_tail(printed) == (printed, None)


def test_a_bracket_read_over_and_over_is_one_bracket():
    """法。（徐猛伟）: tesseract read 。（ as one doubted word 。《〔〈 (confidence 7). The run of
    opening brackets is one, so the byline closes the brief; a sure pair stays two marks."""
    import numpy as np

    from shequbao.importer.pdf.ocrchars import page_chars
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word

    def read(middle: Word) -> str:
        words = [Word(100, 100, 22, 24, "法"), middle, Word(200, 100, 66, 24, "徐猛伟"), Word(270, 100, 8, 24, "）")]
        line = OcrLine(words, em=25.0, base=124.0, density=0.2)
        image = np.full((300, 600), 255, dtype=np.uint8)
        for w in words:
            image[w.top:w.top + w.height, w.left + 2:w.left + w.width - 2] = 0
        return "".join(c["text"] for c in page_chars([line], {id(line): (25.0, False, "Scan-Body")}, 72 / 200, image))

    text = read(Word(125, 95, 70, 38, "。《〔〈", conf=7.0))
    assert text == "法。（徐猛伟）" and split_tail(text)[1].people == {"authors": ["徐猛伟"]}
    assert read(Word(125, 95, 70, 38, "。《〈", conf=90.0)) == "法。（（徐猛伟）"
