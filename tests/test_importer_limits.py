"""``shequbao import`` of hostile inputs (issue 30): a Flate bomb is refused in Chinese within
2 s and 200 MB; a page that takes too long, an encrypted PDF, Big5 text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_pdfs import MEASURED, busy_page, encrypted_issue, flate_bomb, minimal_pdf

from shequbao.importer.issue import UserError
from shequbao.importer.pdf import limits
from shequbao.importer.reading import read_issue


def measured_import(pdf: Path, tmp_path: Path) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-c", MEASURED, "import", str(pdf), "--issue", "1987-05", "--number", "41",
                           "--content", str(tmp_path / "content"), "--dry-run"],
                          check=False, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_flate_bomb_is_refused_within_two_seconds_and_200_mb(tmp_path):
    bomb = flate_bomb(tmp_path / "1987年第41期.pdf")  # 1.2 MB inflating to 1.2 GB
    assert bomb.stat().st_size < 1_400_000
    figures, err = measured_import(bomb, tmp_path)
    assert figures["code"] == 1
    assert "1987年第41期.pdf 无法导入：第1页：其中一段内容解压后超过 48 MB" in err and "重新导出" in err, err
    assert "Traceback" not in err
    assert figures["cpu"] <= 2.0 and figures["peak_mb"] <= 200, figures
    assert figures["seconds"] <= 10, figures  # however busy the machine: not the minutes of inflating 1.2 GB
    assert not (tmp_path / "content").exists()


def test_a_page_over_its_inflated_budget_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PAGE", 4 * 1024 * 1024)
    pdf = minimal_pdf(tmp_path / "feiye.pdf", __import__("zlib").compress(b"0 0 m\n" * 1_000_000))  # 6 MB inflated
    with pytest.raises(UserError, match="第1页：这一页的内容解压后超过 4 MB"):
        read_issue(pdf)


def test_lzw_and_runlength_are_capped_too(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_STREAM", 1024 * 1024)
    runs = (b"\x81 " * 20_000) + b"\x80"  # RunLength: 20,000 runs of 128 spaces, 2.5 MB from 40 KB
    pdf = minimal_pdf(tmp_path / "xingcheng.pdf", runs, "/RunLengthDecode")
    with pytest.raises(UserError, match="其中一段内容解压后超过 1 MB"):
        read_issue(pdf)


def test_a_page_that_takes_too_long_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "PAGE_SECONDS", 0.3)
    pdf = busy_page(tmp_path / "manman.pdf")  # 2 million operators: seconds of parsing
    with pytest.raises(UserError, match=r"manman.pdf 无法导入：第1页：这一页读了 0.3 秒还没有读完"):
        read_issue(pdf)


def test_a_normal_pdf_reads_within_the_limits_and_the_decoders_are_restored(tmp_path):
    import pdfminer.pdftypes as types

    zlib_before = types.zlib
    pdf = minimal_pdf(tmp_path / "kong.pdf", __import__("zlib").compress(b"0 0 m 10 10 l S"))
    try:
        parsed = read_issue(pdf)
    except UserError as refused:  # no tesseract: a page without text is refused, saying what to install
        assert "没有文字层" in str(refused)
    else:  # with tesseract the page is read by OCR: a line, no text (./sqb import then says 没有找到任何正文)
        assert not parsed.articles and not parsed.leftover
    assert types.zlib is zlib_before


def test_an_encrypted_pdf_is_named_as_such(tmp_path):
    pdf = encrypted_issue(tmp_path / "jiami.pdf")
    with pytest.raises(UserError) as refused:
        read_issue(pdf)
    assert "是加密的 PDF" in str(refused.value) and "不加密" in str(refused.value)
    assert "PdfminerException" not in str(refused.value)


BIG5_ISSUE = """平涼社區報 第41期

本報訊 平涼居民區深入開展爭當「知情員」活動，社區志願者走訪了三百戶居民，聽取大家對加裝電梯的意見。
居委會主任說，下個月將召開居民議事會，討論樓道整治的方案。
記者 陳玲
"""


def test_big5_text_is_read_as_big5_with_a_note(tmp_path):
    text = tmp_path / "1987-05.txt"
    text.write_bytes(BIG5_ISSUE.encode("cp950"))
    parsed = read_issue(text)
    body = "".join(a.title + a.body_text for a in parsed.articles) + "".join(p.text for p in parsed.leftover)
    assert "知情員" in body and "加裝電梯" in body
    assert any("Big5" in message for _, message in parsed.warnings)


def test_simplified_gbk_text_is_not_taken_for_big5(tmp_path):
    text = tmp_path / "2012-07.txt"
    text.write_bytes("本报讯 平凉居民区深入开展争当“知情员”活动。①社区志愿者走访了三百户居民。\n■陈玲\n".encode("gbk"))
    parsed = read_issue(text)
    assert not any("Big5" in message for _, message in parsed.warnings)
    assert "知情员" in "".join(a.title + a.body_text for a in parsed.articles) + "".join(p.text for p in parsed.leftover)
