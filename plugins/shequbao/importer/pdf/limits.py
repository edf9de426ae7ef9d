"""What reading one PDF may cost: inflated bytes per stream and per page, seconds per page.

A PDF's streams are compressed; a 1.2 MB file can hold a stream that inflates a thousandfold
(a "Flate bomb"), and pdfminer inflates a stream whole, then parses it. While a PDF is read
(:func:`guarded`), pdfminer's decoders (Flate, LZW, RunLength) inflate into a bounded buffer:
a stream over :data:`MAX_STREAM` bytes, or a page whose streams together pass
:data:`MAX_PAGE`, stops the import at once; so does a page that takes more than
:data:`PAGE_SECONDS` of CPU time (a timer in the main thread). The editor gets a message naming the file
and the page; nothing is written.

Both stops are :class:`Limit`, a ``BaseException``: pdfminer and pdfplumber catch ``Exception``
in places (a damaged image is skipped), and these must get through.
"""

from __future__ import annotations

import contextlib
import io
import signal
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

MAX_STREAM = 48 * 1024 * 1024  # a full A3 page photo stored with Flate at 200 dpi is ~30 MB
MAX_PAGE = 96 * 1024 * 1024
PAGE_SECONDS = 30.0  # a real page takes well under a second


class Limit(BaseException):
    """Reading stopped: ``what`` says why, in Chinese."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class _Budget:
    def __init__(self) -> None:
        self.page = 0  # bytes inflated for the current page

    def spend(self, size: int) -> None:
        if size > MAX_STREAM:
            raise Limit(f"其中一段内容解压后超过 {MAX_STREAM // 1024 // 1024} MB")
        self.page += size
        if self.page > MAX_PAGE:
            raise Limit(f"这一页的内容解压后超过 {MAX_PAGE // 1024 // 1024} MB")


_budget = _Budget()


class _CappedObj:
    """``zlib.decompressobj()`` that never returns more than the stream's cap in all."""

    def __init__(self, inner):
        self.inner, self.size = inner, 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self.inner.decompress(data, MAX_STREAM + 1 - self.size)
        self.size += len(out)
        if self.size > MAX_STREAM or self.inner.unconsumed_tail:
            _budget.spend(MAX_STREAM + 1)
        return out

    def __getattr__(self, name):
        return getattr(self.inner, name)


class _CappedZlib:
    """What pdfminer's decoders use of :mod:`zlib`, inflating at most :data:`MAX_STREAM` bytes."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, MAX_STREAM + 1)
        if len(out) > MAX_STREAM or inflater.unconsumed_tail:
            _budget.spend(MAX_STREAM + 1)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        _budget.spend(len(out))
        return out

    @staticmethod
    def decompressobj(*args, **kwargs) -> _CappedObj:
        return _CappedObj(zlib.decompressobj(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(zlib, name)


def _lzwdecode(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > MAX_STREAM:
            _budget.spend(len(out))
    _budget.spend(len(out))
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """RunLength (PDF 32000 7.4.5), never past the cap."""
    out = bytearray()
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += 2 + length
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) > MAX_STREAM:
            _budget.spend(len(out))
    _budget.spend(len(out))
    return bytes(out)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """pdfminer's decoders capped while the block runs (one PDF read at a time: the CLI's)."""
    import pdfminer.pdftypes as types

    saved = types.zlib, types.lzwdecode, types.rldecode
    types.zlib, types.lzwdecode, types.rldecode = _CappedZlib(), _lzwdecode, _rldecode
    _budget.page = 0
    try:
        yield
    finally:
        types.zlib, types.lzwdecode, types.rldecode = saved


@contextlib.contextmanager
def page(number: int) -> Iterator[None]:
    """One page's budget: inflated bytes counted afresh, and at most :data:`PAGE_SECONDS` of CPU.
    Once spent, the timer fires again every tenth of a second until the page is left: a stop
    raised where Python cannot pass it on (a finaliser) is followed by another."""
    _budget.page = 0
    timed = threading.current_thread() is threading.main_thread()
    leaving = []
    if timed:
        def expired(signum, frame):
            if not leaving:
                raise Limit(f"这一页读了 {PAGE_SECONDS:g} 秒还没有读完")

        previous = signal.signal(signal.SIGPROF, expired)
        signal.setitimer(signal.ITIMER_PROF, PAGE_SECONDS, 0.1)  # CPU time: the same limit on a busy machine
    try:
        yield
    except Limit as stop:
        leaving.append(True)
        if "第" not in stop.what:
            stop.what = f"第{number}页：{stop.what}"
        raise
    finally:
        leaving.append(True)
        if timed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)


def message(path: Path, stop: Limit) -> str:
    return (f"{path} 无法导入：{stop.what}（正常的报纸 PDF 远小于这个数，这个文件可能已损坏，或是故意构造的）。"
            "请用排版软件重新导出 PDF，或把文字另存为 .txt 后导入")
