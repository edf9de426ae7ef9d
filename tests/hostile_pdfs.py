"""Hostile PDFs made by hand, for tests/test_importer_limits.py and scripts/bench_hostile.py:
a Flate bomb (a small file whose content stream inflates about a thousandfold), a page of
millions of drawing operators, an encrypted issue."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def minimal_pdf(path: Path, content: bytes, filters: str = "/FlateDecode") -> Path:
    """A one-page A3 PDF whose page draws ``content`` (already encoded with ``filters``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 1191] /Resources << >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def flate_bomb(path: Path, megabytes: int = 1200) -> Path:
    """A PDF of about 1.2 MB whose page's content stream inflates to ``megabytes`` MB of spaces.
    Made without compressing it all: each MB is compressed alone (a full flush resets the
    compressor), so the stream is one compressed MB repeated, closed with a valid checksum."""
    chunk = b" " * (1 << 20)
    squeezer = zlib.compressobj(9)
    block = squeezer.compress(chunk) + squeezer.flush(zlib.Z_FULL_FLUSH)
    header, body = block[:2], block[2:]
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    stream = header + body * megabytes + b"\x03\x00" + struct.pack(">I", adler)
    return minimal_pdf(path, stream)


def busy_page(path: Path, operators: int = 2_000_000) -> Path:
    """A PDF whose one page is ``operators`` tiny drawing operators (a few MB inflated, well
    under the size caps, but slow to parse)."""
    return minimal_pdf(path, zlib.compress(b"0 0 m\n" * operators, 9))


def encrypted_issue(path: Path, password: str = "jiedao2024") -> Path:
    """A one-page issue that opens only with a password (pypdf, AES-128)."""
    from pypdf import PdfReader, PdfWriter

    plain = minimal_pdf(path.with_name("plain-" + path.name), zlib.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET"))
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with open(path, "wb") as out:
        writer.write(out)
    return path


# the import in a fresh interpreter, timed from the command (not the start-up) in CPU seconds
# (the same on a busy shared machine) and wall seconds, with its peak memory
MEASURED = """
import json, sys, time
from shequbao.cli.main import main
started, cpu = time.perf_counter(), time.process_time()
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
# VmHWM: this process's own peak (ru_maxrss would carry the size of the pytest process it was forked from)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "cpu": time.process_time() - cpu, "seconds": time.perf_counter() - started,
                  "peak_mb": peak / 1024}))
"""
