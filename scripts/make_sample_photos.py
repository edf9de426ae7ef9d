#!/usr/bin/env python3
"""Draw the illustrative "photos" of the bundled sample paper 《桂园》.

Every picture is made of simple shapes (sky, buildings, trees, people, banners without
text), drawn with a seeded random generator, so running the script again gives the same
pictures. Files go to ``content/issues/<issue>/images/<name>.jpg``.

    python scripts/make_sample_photos.py           # write the missing photos
    python scripts/make_sample_photos.py --force   # overwrite existing ones too
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
ISSUES = ROOT / "content" / "issues"
SIZE = (1600, 1067)
QUALITY = 80

Color = tuple[int, int, int]


# ---------------------------------------------------------------- helpers


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def jitter(rng: random.Random, color: Color, amount: int = 12) -> Color:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)  # type: ignore[return-value]


def gradient(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: Color, bottom: Color) -> None:
    x0, y0, x1, y1 = box
    height = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / height))


def sky(draw: ImageDraw.ImageDraw, horizon: int, top: Color = (118, 168, 222), bottom: Color = (214, 230, 242)) -> None:
    gradient(draw, (0, 0, SIZE[0], horizon), top, bottom)


def clouds(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, count: int = 4) -> None:
    for _ in range(count):
        cx, cy = rng.randint(0, SIZE[0]), rng.randint(40, max(60, horizon // 2))
        for _ in range(rng.randint(4, 7)):
            rx, ry = rng.randint(50, 120), rng.randint(22, 45)
            dx, dy = rng.randint(-110, 110), rng.randint(-18, 18)
            draw.ellipse([cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry], fill=(246, 248, 251))


def ground(draw: ImageDraw.ImageDraw, horizon: int, near: Color = (150, 150, 146), far: Color = (186, 184, 178)) -> None:
    gradient(draw, (0, horizon, SIZE[0], SIZE[1]), far, near)


def building(draw: ImageDraw.ImageDraw, rng: random.Random, x: int, base: int, width: int, height: int,
             wall: Color | None = None, lit: bool = False) -> None:
    wall = wall or jitter(rng, rng.choice([(226, 214, 196), (214, 200, 184), (232, 226, 214), (204, 196, 190)]))
    top = base - height
    draw.rectangle([x, top, x + width, base], fill=wall)
    draw.rectangle([x - 4, top - 10, x + width + 4, top], fill=mix(wall, (90, 80, 75), 0.45))  # roof line
    cols = max(2, width // 46)
    rows = max(2, height // 52)
    gap_x, gap_y = width / cols, height / (rows + 0.4)
    glass_day = (96, 122, 146)
    glass_lit = (250, 214, 120)
    for r in range(rows):
        for c in range(cols):
            wx = x + c * gap_x + gap_x * 0.22
            wy = top + 18 + r * gap_y
            color = glass_lit if lit and rng.random() < 0.55 else jitter(rng, glass_day, 10)
            draw.rectangle([wx, wy, wx + gap_x * 0.56, wy + gap_y * 0.5], fill=color)
            if not lit and rng.random() < 0.25:  # a balcony rail
                draw.line([(wx - 3, wy + gap_y * 0.5 + 3), (wx + gap_x * 0.56 + 3, wy + gap_y * 0.5 + 3)],
                          fill=(240, 240, 236), width=3)


def skyline(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, lit: bool = False,
            low: int = 260, high: int = 560) -> None:
    x = -rng.randint(0, 80)
    while x < SIZE[0]:
        width = rng.randint(170, 300)
        building(draw, rng, x, base, width, rng.randint(low, high), lit=lit)
        x += width + rng.randint(12, 60)


def tree(draw: ImageDraw.ImageDraw, rng: random.Random, x: int, base: int, scale: float = 1.0,
         leaves: Color = (74, 128, 70)) -> None:
    trunk_h = int(90 * scale)
    draw.rectangle([x - 7 * scale, base - trunk_h, x + 7 * scale, base], fill=(104, 78, 58))
    for _ in range(7):
        r = int(rng.randint(42, 64) * scale)
        dx, dy = rng.randint(-40, 40) * scale, rng.randint(-60, 10) * scale
        cy = base - trunk_h - 30 * scale + dy
        draw.ellipse([x + dx - r, cy - r, x + dx + r, cy + r], fill=jitter(rng, leaves, 14))


def person(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, base: float, scale: float = 1.0,
           shirt: Color | None = None, hair: Color | None = None, seated: bool = False) -> None:
    shirt = shirt or jitter(rng, rng.choice([(196, 70, 60), (64, 96, 160), (230, 230, 226), (90, 132, 96),
                                             (220, 170, 70), (120, 96, 140), (60, 60, 66)]), 16)
    hair = hair or rng.choice([(36, 30, 28), (46, 38, 32), (150, 150, 150), (210, 210, 206)])
    skin = jitter(rng, (232, 196, 166), 10)
    h = 150 * scale
    leg_h = 0 if seated else h * 0.45
    body_top = base - leg_h - h * 0.38
    if not seated:
        trousers = jitter(rng, rng.choice([(50, 56, 72), (70, 70, 74), (40, 44, 52), (96, 88, 80)]), 10)
        draw.rectangle([x - 11 * scale, base - leg_h, x - 2 * scale, base], fill=trousers)
        draw.rectangle([x + 2 * scale, base - leg_h, x + 11 * scale, base], fill=trousers)
    draw.rounded_rectangle([x - 17 * scale, body_top, x + 17 * scale, base - leg_h + 4 * scale],
                           radius=int(8 * scale), fill=shirt)
    r = 13 * scale
    cy = body_top - r - 2 * scale
    draw.ellipse([x - r, cy - r, x + r, cy + r], fill=skin)
    draw.chord([x - r, cy - r - 1, x + r, cy + r * 0.4], 180, 360, fill=hair)


def crowd(draw: ImageDraw.ImageDraw, rng: random.Random, count: int, y0: int, y1: int,
          x0: int = 40, x1: int = SIZE[0] - 40, **kwargs) -> None:
    people = sorted((rng.uniform(y0, y1), rng.uniform(x0, x1)) for _ in range(count))
    for base, x in people:  # back to front
        person(draw, rng, x, base, scale=0.55 + 0.75 * (base - y0) / max(1, y1 - y0), **kwargs)


def banner(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], color: Color = (196, 36, 36)) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=color)
    draw.rectangle([x0 + 8, y0 + 8, x1 - 8, y1 - 8], outline=(236, 196, 90), width=3)


def flag(draw: ImageDraw.ImageDraw, x: int, top: int, height: int) -> None:
    draw.line([(x, top), (x, top + height)], fill=(200, 200, 200), width=4)
    draw.polygon([(x, top), (x + 54, top + 8), (x + 50, top + 36), (x, top + 32)], fill=(214, 32, 34))
    draw.ellipse([x + 6, top + 6, x + 14, top + 14], fill=(250, 214, 60))


def lantern(draw: ImageDraw.ImageDraw, x: int, y: int, r: int) -> None:
    draw.line([(x, y - r - 30), (x, y - r)], fill=(60, 40, 30), width=2)
    draw.ellipse([x - r * 1.2, y - r, x + r * 1.2, y + r], fill=(222, 48, 40))
    draw.rectangle([x - r * 0.5, y - r - 6, x + r * 0.5, y - r + 2], fill=(236, 196, 90))
    draw.rectangle([x - r * 0.5, y + r - 2, x + r * 0.5, y + r + 6], fill=(236, 196, 90))
    draw.line([(x, y + r + 6), (x, y + r + 26)], fill=(236, 196, 90), width=3)


def indoor(draw: ImageDraw.ImageDraw, floor_y: int, wall: Color = (236, 228, 212)) -> None:
    gradient(draw, (0, 0, SIZE[0], floor_y), mix(wall, (255, 255, 255), 0.3), wall)
    gradient(draw, (0, floor_y, SIZE[0], SIZE[1]), (196, 170, 136), (160, 132, 100))
    draw.rectangle([0, floor_y - 14, SIZE[0], floor_y], fill=mix(wall, (120, 100, 80), 0.4))


def table(draw: ImageDraw.ImageDraw, x0: int, y0: int, x1: int, y1: int, cloth: Color = (246, 246, 240)) -> None:
    draw.rectangle([x0 + 16, y1, x0 + 28, y1 + 70], fill=(110, 90, 70))
    draw.rectangle([x1 - 28, y1, x1 - 16, y1 + 70], fill=(110, 90, 70))
    draw.rectangle([x0, y0, x1, y1], fill=cloth)


# ---------------------------------------------------------------- scenes


def scene_elevator(draw, rng):
    """A six-storey block with a new glass lift shaft; residents at the door."""
    horizon = 720
    sky(draw, horizon)
    clouds(draw, rng, horizon, 3)
    ground(draw, horizon)
    skyline(draw, rng, horizon - 10, low=200, high=330)
    building(draw, rng, 330, 900, 880, 640, wall=(230, 218, 200))
    draw.rectangle([700, 230, 840, 900], fill=(150, 184, 206))  # shaft
    for y in range(250, 900, 80):
        draw.line([(700, y), (840, y)], fill=(208, 220, 228), width=5)
    draw.rectangle([696, 226, 844, 236], fill=(120, 130, 140))
    draw.rectangle([736, 780, 804, 900], fill=(190, 206, 216))  # door
    for x in (140, 1380, 1520):
        tree(draw, rng, x, 930, 1.3)
    crowd(draw, rng, 7, 920, 1040, 500, 1100)


def scene_dongzhi(draw, rng):
    """Neighbours around long tables making wontons."""
    indoor(draw, 560)
    banner(draw, (420, 90, 1180, 200))
    draw.rectangle([90, 160, 330, 420], fill=(196, 214, 226))  # window
    draw.line([(210, 160), (210, 420)], fill=(246, 246, 240), width=6)
    for row, (y0, y1, n) in enumerate([(640, 700, 6), (860, 930, 5)]):
        for i in range(n):
            x = 230 + i * (1150 / n) + rng.uniform(-20, 20)
            person(draw, rng, x, y0 + 30, scale=1.7 + row * 0.4, seated=True)
        table(draw, 120, y0, 1480, y1)
        for _ in range(26):
            bx, by = rng.randint(150, 1450), rng.randint(y0 + 6, y1 - 14)
            draw.ellipse([bx - 14, by - 8, bx + 14, by + 8], fill=(252, 252, 248), outline=(210, 206, 196))
        for bx in range(260, 1450, 300):
            draw.ellipse([bx - 46, y0 + 4, bx + 46, y0 + 30], fill=(226, 226, 222), outline=(170, 170, 166))


def scene_guoqing(draw, rng):
    """A square with flags, a red backdrop and a crowd."""
    horizon = 600
    sky(draw, horizon, (92, 150, 220), (200, 224, 244))
    clouds(draw, rng, horizon, 3)
    ground(draw, horizon, (176, 168, 160), (204, 198, 190))
    skyline(draw, rng, horizon, low=240, high=420)
    draw.rectangle([300, 560, 1300, 640], fill=(150, 60, 50))  # stage
    banner(draw, (380, 300, 1220, 520))
    for x in range(120, 1560, 130):
        flag(draw, x, 560 + (x % 3) * 6, 170)
    crowd(draw, rng, 46, 700, 1060, shirt=None)


def scene_park(draw, rng):
    """A small pocket park: path, benches, trees, a few people."""
    horizon = 520
    sky(draw, horizon)
    clouds(draw, rng, horizon, 4)
    gradient(draw, (0, horizon, SIZE[0], SIZE[1]), (150, 188, 120), (96, 150, 82))
    skyline(draw, rng, horizon, low=160, high=300)
    draw.polygon([(700, horizon), (900, horizon), (1400, SIZE[1]), (250, SIZE[1])], fill=(214, 200, 176))
    for x in range(40, 1600, 170):
        tree(draw, rng, x + rng.randint(-30, 30), horizon + 40, 0.8)
    for x, y in ((170, 820), (1320, 840)):
        draw.rectangle([x, y, x + 190, y + 18], fill=(150, 104, 70))
        draw.rectangle([x + 10, y + 18, x + 22, y + 60], fill=(80, 80, 80))
        draw.rectangle([x + 168, y + 18, x + 180, y + 60], fill=(80, 80, 80))
    for _ in range(60):
        fx, fy = rng.randint(0, 1600), rng.randint(horizon + 80, SIZE[1])
        if 250 < fx < 1400 and fy > horizon + 200:
            continue
        draw.ellipse([fx - 6, fy - 6, fx + 6, fy + 6], fill=rng.choice([(236, 200, 60), (230, 120, 140), (250, 250, 250)]))
    crowd(draw, rng, 8, 640, 1000, 400, 1200)
    for x in (60, 1540):
        tree(draw, rng, x, 1060, 1.8)


def scene_zhongqiu(draw, rng):
    """An evening garden party under lanterns."""
    horizon = 640
    sky(draw, horizon, (24, 34, 70), (70, 80, 120))
    draw.ellipse([1260, 80, 1390, 210], fill=(250, 236, 190))  # moon
    gradient(draw, (0, horizon, SIZE[0], SIZE[1]), (70, 66, 70), (46, 44, 50))
    skyline(draw, rng, horizon, lit=True, low=220, high=400)
    draw.line([(0, 300), (1600, 260)], fill=(40, 30, 30), width=3)
    for i, x in enumerate(range(80, 1600, 150)):
        lantern(draw, x, 340 - i * 3 + rng.randint(-10, 10), 30)
    table(draw, 460, 760, 1140, 810, cloth=(190, 40, 40))
    for x in range(520, 1120, 90):
        draw.ellipse([x - 26, 766, x + 26, 786], fill=(232, 180, 90))  # mooncakes
    crowd(draw, rng, 30, 700, 1060)


def scene_xiaofang(draw, rng):
    """A high-rise evacuation drill: fire engine, ladder, people in the forecourt."""
    horizon = 760
    sky(draw, horizon)
    clouds(draw, rng, horizon, 2)
    ground(draw, horizon)
    building(draw, rng, 120, horizon, 520, 720)
    building(draw, rng, 980, horizon, 480, 650)
    draw.rectangle([620, 760, 1180, 930], fill=(206, 36, 30))  # engine body
    draw.rectangle([1040, 700, 1240, 930], fill=(200, 30, 28))  # cab
    draw.rectangle([1070, 720, 1220, 790], fill=(170, 200, 220))
    draw.rectangle([640, 800, 1020, 820], fill=(240, 240, 236))
    for x in (720, 900, 1160):
        draw.ellipse([x - 50, 890, x + 50, 990], fill=(40, 40, 44))
        draw.ellipse([x - 20, 920, x + 20, 960], fill=(170, 170, 170))
    draw.line([(700, 760), (560, 300)], fill=(210, 210, 210), width=22)  # ladder
    for t in range(0, 10):
        y = 760 - t * 46
        x = 700 - (140 * t / 10)
        draw.line([(x - 12, y), (x + 12, y)], fill=(150, 150, 150), width=4)
    rng2 = random.Random(rng.random())
    for _ in range(9):
        person(draw, rng2, rng2.randint(60, 560), rng2.randint(960, 1050), 1.0, shirt=(226, 120, 40))
    crowd(draw, rng, 14, 940, 1060, 1250, 1580)


def scene_chongyang(draw, rng):
    """Elderly residents seated at a table, volunteers behind, chrysanthemums in front."""
    indoor(draw, 600, wall=(238, 226, 206))
    banner(draw, (360, 90, 1240, 200), color=(186, 44, 40))
    for i in range(5):  # volunteers standing behind
        person(draw, rng, 320 + i * 250 + rng.randint(-30, 30), 660, 1.9, shirt=(200, 60, 50))
    for i in range(8):
        person(draw, rng, 240 + i * 160, 720, 1.9, hair=rng.choice([(200, 200, 196), (170, 170, 168), (226, 226, 222)]),
               seated=True)
    table(draw, 160, 700, 1440, 770, cloth=(184, 40, 40))
    draw.rectangle([140, 880, 1460, 960], fill=(120, 96, 74))  # planter
    for x in range(180, 1440, 50):
        for _ in range(3):
            dx, dy = rng.randint(-16, 16), rng.randint(-14, 8)
            draw.ellipse([x + dx - 14, 870 + dy - 14, x + dx + 14, 870 + dy + 14], fill=jitter(rng, (238, 190, 40), 20))


def scene_shenghuoquan(draw, rng):
    """A new two-storey service station with a glass front and a queue of residents."""
    horizon = 640
    sky(draw, horizon)
    clouds(draw, rng, horizon, 3)
    ground(draw, horizon, (168, 162, 156), (198, 194, 188))
    skyline(draw, rng, horizon - 20, low=260, high=440)
    draw.rectangle([260, 300, 1340, 820], fill=(238, 236, 230))
    draw.rectangle([250, 286, 1350, 306], fill=(130, 130, 136))
    banner(draw, (420, 330, 1180, 410), color=(40, 110, 170))
    for x in range(300, 1300, 140):
        draw.rectangle([x, 450, x + 110, 800], fill=jitter(rng, (150, 186, 204), 8))
    draw.rectangle([700, 560, 900, 820], fill=(120, 160, 186))
    for x in (120, 1480):
        tree(draw, rng, x, 860, 1.4)
    crowd(draw, rng, 22, 860, 1060, 200, 1400)


def scene_lajifenlei(draw, rng):
    """A refurbished waste-sorting kiosk with four coloured bins."""
    horizon = 560
    sky(draw, horizon)
    clouds(draw, rng, horizon, 2)
    ground(draw, horizon, (150, 146, 140), (182, 178, 170))
    skyline(draw, rng, horizon, low=240, high=420)
    draw.rectangle([300, 420, 1300, 880], fill=(222, 226, 218))
    draw.polygon([(270, 430), (1330, 430), (1260, 360), (340, 360)], fill=(70, 120, 90))
    banner(draw, (420, 450, 1180, 520), color=(60, 130, 90))
    colors = [(40, 90, 170), (200, 40, 40), (120, 80, 50), (90, 90, 96)]
    for i, c in enumerate(colors):
        x = 380 + i * 220
        draw.rectangle([x, 640, x + 170, 880], fill=c)
        draw.rectangle([x - 6, 624, x + 176, 648], fill=mix(c, (0, 0, 0), 0.2))
        draw.ellipse([x + 60, 700, x + 110, 750], fill=(240, 240, 240))
    draw.rectangle([1330, 700, 1420, 880], fill=(200, 204, 200))  # hand-wash basin
    draw.rectangle([1320, 690, 1430, 712], fill=(170, 174, 170))
    for x in (120, 1520):
        tree(draw, rng, x, 900, 1.3)
    person(draw, rng, 1180, 1010, 1.6, shirt=(220, 120, 40))
    person(draw, rng, 240, 1030, 1.7)
    person(draw, rng, 1460, 990, 1.4)


# issue id, file name, scene
PHOTOS = [
    ("2024-12", "jiazhuang-dianti", scene_elevator),
    ("2024-12", "dongzhi-huntun", scene_dongzhi),
    ("2025-09", "yingguoqing", scene_guoqing),
    ("2025-09", "koudai-gongyuan", scene_park),
    ("2025-10", "xiaofang-yanlian", scene_xiaofang),
    ("2025-10", "zhongqiu-youyuan", scene_zhongqiu),
    ("2025-11", "chongyang-jinglao", scene_chongyang),
    ("2025-11", "fuwuzhan", scene_shenghuoquan),
    ("2025-11", "lajixiangfang", scene_lajifenlei),
]


def render(name: str, scene) -> Image.Image:
    rng = random.Random(f"guiyuan-{name}")
    image = Image.new("RGB", SIZE, (255, 255, 255))
    scene(ImageDraw.Draw(image), rng)
    # Soften the hard edges a little so the shapes read as a (very) low-fi photo.
    return image.filter(ImageFilter.GaussianBlur(1.2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the sample paper's illustrative photos.")
    parser.add_argument("--force", action="store_true", help="overwrite photos that already exist")
    args = parser.parse_args(argv)
    skipped = 0
    for issue, name, scene in PHOTOS:
        target = ISSUES / issue / "images" / f"{name}.jpg"
        if target.exists() and not args.force:
            print(f"exists, not overwritten (use --force): {target.relative_to(ROOT)}", file=sys.stderr)
            skipped += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        render(name, scene).save(target, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        print(target.relative_to(ROOT))
    if skipped:
        print(f"{skipped} photo(s) left as they were", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
