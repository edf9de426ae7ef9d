"""Draw the sample paper's 公益广告 posters into content/fillers/ (Pillow, Noto CJK).

    .venv/bin/python scripts/make_posters.py [--force]

Three posters in the style of the public-service ads a 社区报 keeps for 版 with room: 讲文明
树新风 (3:2), 垃圾分类 (2:1, a strip across the page) and 防范电信诈骗 (3:4, one or two columns).
Each is wide enough in pixels to print at 180 ppi across a 4开 page's five columns. Existing
files are kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = Path("/usr/share/fonts/opentype/noto")
SANS_BOLD, SERIF_BOLD, SANS = "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc"
RED, GOLD, CREAM, GREEN, BLUE, INK = (190, 22, 34), (250, 205, 90), (255, 248, 232), (36, 128, 72), (20, 70, 150), (40, 40, 40)
SIGNED = "桂园街道精神文明建设办公室 宣"


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size, index=2)  # 2: the SC face of the collection


def centred(draw: ImageDraw.ImageDraw, y: int, text: str, face, fill, width: int) -> int:
    box = draw.textbbox((0, 0), text, font=face)
    draw.text(((width - (box[2] - box[0])) // 2 - box[0], y - box[1]), text, font=face, fill=fill)
    return y + box[3] - box[1]


def wenming() -> Image.Image:
    w, h = 3000, 2000
    im = Image.new("RGB", (w, h), RED)
    d = ImageDraw.Draw(im)
    d.rectangle((60, 60, w - 60, h - 60), outline=GOLD, width=14)
    for x in range(200, w - 100, 400):  # a row of lanterns' tassels: gold dots along the top
        d.ellipse((x - 30, 130, x + 30, 190), fill=GOLD)
    y = centred(d, 330, "公益广告", font(SANS, 110), CREAM, w)
    y = centred(d, y + 120, "讲文明 树新风", font(SERIF_BOLD, 400), GOLD, w)
    y = centred(d, y + 140, "文明从我做起　和谐靠你我共建", font(SANS_BOLD, 150), CREAM, w)
    y = centred(d, y + 90, "礼让一步　微笑一下　随手一捡", font(SANS, 130), CREAM, w)
    centred(d, h - 250, SIGNED, font(SANS, 90), GOLD, w)
    return im


def fenlei() -> Image.Image:
    w, h = 3000, 1500
    im = Image.new("RGB", (w, h), CREAM)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, w, 300), fill=GREEN)
    centred(d, 70, "垃圾分类　从我做起", font(SANS_BOLD, 170), (255, 255, 255), w)
    bins = (("可回收物", BLUE), ("有害垃圾", RED), ("厨余垃圾", GREEN), ("其他垃圾", (90, 90, 90)))
    face, small = font(SANS_BOLD, 130), font(SANS, 54)
    hints = ("纸·塑·金属·玻璃", "电池·灯管·药品", "剩菜·果皮·菜叶", "纸巾·烟头·陶瓷")
    for index, ((name, colour), hint) in enumerate(zip(bins, hints)):
        x = 170 + index * 690
        d.rounded_rectangle((x, 420, x + 560, 1130), radius=40, fill=colour)
        d.rectangle((x - 30, 380, x + 590, 450), fill=colour)  # the lid
        for line, text, f in ((560, name[:2], face), (730, name[2:], face), (960, hint, small)):
            box = d.textbbox((0, 0), text, font=f)
            d.text((x + 280 - (box[2] - box[0]) // 2 - box[0], line - box[1]), text, font=f, fill=(255, 255, 255))
    centred(d, 1230, "定时定点投放　一起守护美丽桂园", font(SANS_BOLD, 110), GREEN, w)
    centred(d, 1395, SIGNED, font(SANS, 60), INK, w)
    return im


def fanzha() -> Image.Image:
    w, h = 1800, 2400
    im = Image.new("RGB", (w, h), BLUE)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, w, 420), fill=(12, 40, 100))
    centred(d, 110, "公益广告", font(SANS, 90), GOLD, w)
    centred(d, 240, "防范电信网络诈骗", font(SANS_BOLD, 150), (255, 255, 255), w)
    d.ellipse((w // 2 - 260, 560, w // 2 + 260, 1080), outline=GOLD, width=40)
    centred(d, 660, "！", font(SANS_BOLD, 330), GOLD, w)
    y = 1180
    for line in ("不听　不信　不转账", "陌生来电要多问", "涉及钱款先核实", "反诈专线 96110"):
        y = centred(d, y, line, font(SANS_BOLD, 140 if y < 1300 else 120), (255, 255, 255), w) + 100
    centred(d, h - 160, "桂园派出所　桂园街道 宣", font(SANS, 70), GOLD, w)
    return im


POSTERS = {"wenming.png": wenming, "lajifenlei.png": fenlei, "fanzha.png": fanzha}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--force", action="store_true", help="replace posters that exist")
    parser.add_argument("--into", type=Path, default=ROOT / "content" / "fillers")
    args = parser.parse_args(argv)
    args.into.mkdir(parents=True, exist_ok=True)
    for name, draw in POSTERS.items():
        target = args.into / name
        if target.exists() and not args.force:
            print(f"{target} 已存在，没有覆盖（要重画请加 --force）")
            continue
        draw().save(target, optimize=True)
        print(f"{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
