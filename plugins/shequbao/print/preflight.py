"""印前检查: what a print shop asks of a PDF, read back from the PDF itself (pikepdf) and from
the photos as they were printed: fonts embedded, the lowest effective ppi (naming the photo),
colours, and (``--bleed``) the boxes and overprint."""

from __future__ import annotations

import io

SHARP_PPI = 180  # below this a photo looks soft on newsprint
SPACES = {"/DeviceRGB": "RGB", "/DeviceGray": "灰度", "/DeviceCMYK": "CMYK"}


def preflight(data: bytes, photos: list[dict], press: bool) -> dict:
    """Figures of the finished PDF ``data``; ``photos``: every photo printed with its ``ppi``."""
    import pikepdf

    fonts, spaces = {}, set()
    boxes = True
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            boxes = boxes and "/TrimBox" in page.obj and "/BleedBox" in page.obj
            _resources(page.obj.get("/Resources"), fonts, spaces, set())
    lowest = min(photos, key=lambda p: (p["ppi"], p["page"], p["src"]), default=None)
    return {"fonts": len(fonts), "embedded": sum(fonts.values()), "photos": len(photos),
            "lowest": {k: lowest[k] for k in ("src", "page", "ppi")} if lowest else None,
            "spaces": sorted(spaces), "press": press, "boxes": press and boxes}


def _resources(resources, fonts: dict, spaces: set, seen: set) -> None:
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return
    seen.add(resources.objgen)
    for font in (resources.get("/Font") or {}).values():
        fonts[str(font.get("/BaseFont"))] = _embedded(font)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Image":
            spaces.add(_space(xobject.get("/ColorSpace")))
        elif xobject.get("/Subtype") == "/Form":
            _resources(xobject.get("/Resources"), fonts, spaces, seen)


def _embedded(font) -> bool:
    descendants = font.get("/DescendantFonts")
    descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _space(space) -> str:
    import pikepdf

    if isinstance(space, pikepdf.Array) and len(space) and str(space[0]) == "/ICCBased":
        return {1: "灰度", 3: "RGB", 4: "CMYK"}.get(int(space[1].get("/N", 3)), "ICC")
    return SPACES.get(str(space), str(space).lstrip("/"))


def preflight_line(figures: dict) -> str:
    """``印前检查：字体 2 种，全部嵌入；照片 5 张，最低 196 ppi（…，第2版）；颜色：…``"""
    if not figures:
        return ""
    fonts = figures["fonts"]
    missing = fonts - figures["embedded"]
    parts = [f"字体 {fonts} 种，" + ("全部嵌入" if not missing else f"{missing} 种没有嵌入（印刷厂会换字体）")]
    lowest = figures["lowest"]
    if lowest:
        soft = f"，低于 {SHARP_PPI} ppi 印出来会发虚，请换更大的原图或把照片排小" if lowest["ppi"] < SHARP_PPI else ""
        parts.append(f"照片 {figures['photos']} 张，最低 {lowest['ppi']} ppi（{lowest['src']}，第{lowest['page']}版{soft}）")
    else:
        parts.append("没有照片")
    black = "黑色文字和线条 100% K 叠印" if figures["press"] else "黑色文字和线条 100% K（叠印和裁切框只在 --bleed 印厂版里设置）"
    photos = f"，照片 {'、'.join(figures['spaces'])}（由印刷厂转 CMYK）" if figures["spaces"] else ""
    parts.append(f"颜色：{black}{photos}")
    if figures["press"]:
        parts.append("TrimBox/BleedBox 已写入（出血 3 毫米，裁切线在出血之外）" if figures["boxes"] else "缺 TrimBox/BleedBox")
    return "印前检查：" + "；".join(parts)
