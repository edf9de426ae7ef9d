"""``./sqb print --output-intent 印厂.icc``: the print shop's CMYK profile goes into the PDF as its
output intent (read back with pikepdf), and a profile that cannot be one is refused, naming the
file, before anything is built. The profiles are made here: we ship none (licences)."""

from __future__ import annotations

import struct

import pikepdf
import pytest

from shequbao.print import PrintError
from shequbao.print.intent import read_profile, with_output_intent


def icc(space: bytes = b"CMYK", kind: bytes = b"prtr", name: str = "Japan Color 2001 Coated",
        v4: bool = False) -> bytes:
    """A small ICC profile: a 128-byte header, a tag table, a description (v2 ``desc`` or v4
    ``mluc``) and a media white point: what a reader of the header and the description needs."""
    if v4:
        text = name.encode("utf-16-be")
        desc = b"mluc" + bytes(4) + struct.pack(">II", 1, 12) + b"zhCN" + struct.pack(">II", len(text), 28) + text
    else:
        ascii_name = name.encode("ascii", "replace") + b"\0"
        desc = b"desc" + bytes(4) + struct.pack(">I", len(ascii_name)) + ascii_name + bytes(4 + 4 + 2 + 1 + 67)
    desc += bytes(-len(desc) % 4)
    white = b"XYZ " + bytes(4) + struct.pack(">3i", 63190, 65536, 54061)
    tags = [(b"desc", desc), (b"wtpt", white)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = struct.pack(">I", len(tags)), b""
    for sig, data in tags:
        table += struct.pack(">4sII", sig, offset + len(body), len(data))
        body += data
    size = offset + len(body)
    version = b"\x04\x20\x00\x00" if v4 else b"\x02\x10\x00\x00"
    header = (struct.pack(">I", size) + b"none" + version + kind + space + b"Lab " + bytes(12) + b"acsp"
              + b"APPL" + bytes(4) + bytes(8) + bytes(8) + bytes(4) + struct.pack(">3i", 63190, 65536, 54061))
    header += bytes(128 - len(header))
    return header + table + body


def one_page_pdf() -> bytes:
    import io

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(842, 1191))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"0 0 0 1 k BT /F1 12 Tf 72 72 Td ET")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("v4", [False, True])
def test_the_profile_is_the_output_intent_of_the_pdf(tmp_path, v4):
    path = tmp_path / "JapanColor2001Coated.icc"
    path.write_bytes(icc(v4=v4, name="Japan Color 2001 Coated" if not v4 else "日本 Japan Color 2001 Coated"))
    profile = read_profile(path)
    out = tmp_path / "out.pdf"
    out.write_bytes(with_output_intent(one_page_pdf(), profile))
    with pikepdf.open(out) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
        want = "Japan Color 2001 Coated" if not v4 else "日本 Japan Color 2001 Coated"
        assert str(intent.OutputConditionIdentifier) == want and str(intent.Info) == want
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes() == path.read_bytes()
        assert pdf.docinfo.Trapped == "/False"
        assert "/GTS_PDFXVersion" not in pdf.docinfo  # not PDF/X-4 (RGB photos): it does not claim to be
        assert len(pdf.pages) == 1 and b"0 0 0 1 k" in pdf.pages[0].Contents.read_bytes()


def test_a_profile_without_a_description_is_named_by_its_file(tmp_path):
    data = bytearray(icc())
    data[128 + 4:128 + 8] = b"xxxx"  # the desc tag renamed: no description
    path = tmp_path / "ISOcoated_v2_eci.icc"
    path.write_bytes(bytes(data))
    assert read_profile(path).name == "ISOcoated_v2_eci"


def test_profiles_that_cannot_be_an_output_intent_are_refused_naming_the_file(tmp_path):
    from PIL import ImageCms

    srgb = tmp_path / "sRGB.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    cases = {
        srgb: "是 RGB",
        tmp_path / "monitor.icc": "显示器类",
        tmp_path / "cut.icc": "不完整",
        tmp_path / "readme.icc": "不是 ICC 配置文件",
        tmp_path / "missing.icc": "读不出来",
    }
    (tmp_path / "monitor.icc").write_bytes(icc(kind=b"mntr"))
    (tmp_path / "cut.icc").write_bytes(icc()[:200])
    (tmp_path / "readme.icc").write_text("印刷厂说这是 ICC 文件", encoding="utf-8")
    for path, said in cases.items():
        with pytest.raises(PrintError) as caught:
            read_profile(path)
        assert str(path) in str(caught.value) and said in str(caught.value), str(caught.value)
        assert "CMYK" in str(caught.value)


@pytest.mark.slow  # builds an issue
def test_print_writes_the_intent_and_refuses_a_wrong_profile_before_building(tmp_path, capsys):
    from test_print_build import copy_mini

    from shequbao.cli.main import main

    project = copy_mini(tmp_path / "mini")
    config = str(project / "mkdocs.yml")
    srgb = tmp_path / "sRGB.icc"
    from PIL import ImageCms

    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    assert main(["print", "7", "--output-intent", str(srgb), "--config", config]) == 2
    assert f"{srgb} 是 RGB" in capsys.readouterr().err
    assert not (project / "print").exists()  # nothing built, nothing written

    profile = tmp_path / "印厂.icc"
    profile.write_bytes(icc())
    out = tmp_path / "7.pdf"
    assert main(["print", "7", "--bleed", "--output-intent", str(profile), "-o", str(out), "--config", config]) == 0
    said = capsys.readouterr().out
    assert "输出意图：Japan Color 2001 Coated（印厂.icc，CMYK）已写入 PDF" in said
    with pikepdf.open(out) as pdf:
        assert pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes() == profile.read_bytes()
        assert all("/TrimBox" in page.obj for page in pdf.pages)  # --bleed's post-step kept
