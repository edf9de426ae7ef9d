#!/usr/bin/env python3
"""Draw the illustrative "photos" of the bundled sample paper 《桂园》.

Every picture is made of simple shapes (sky, buildings, trees, people, banners without
text), drawn with a seeded random generator, so running the script again gives the same
pictures. Files go to ``content/issues/<issue>/images/<name>.jpg``, 1600×1067, or 1067×1600
for a portrait (``Photo(..., size=PORTRAIT)``); the name seeds the generator, so a scene drawn
under two names (the two canteens) gives two different pictures.

    python scripts/make_sample_photos.py           # write the missing photos
    python scripts/make_sample_photos.py --force   # overwrite existing ones too
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Callable, NamedTuple

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
ISSUES = ROOT / "content" / "issues"
SIZE = (1600, 1067)      # landscape, the usual news photo
PORTRAIT = (1067, 1600)  # a portrait-format picture (taller than wide)
QUALITY = 80

Color = tuple[int, int, int]


# ---------------------------------------------------------------- helpers


def dims(draw: ImageDraw.ImageDraw) -> tuple[int, int]:
    """Width and height of the picture being drawn (landscape or portrait)."""
    return draw.im.size


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
    gradient(draw, (0, 0, dims(draw)[0], horizon), top, bottom)


def clouds(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, count: int = 4) -> None:
    for _ in range(count):
        cx, cy = rng.randint(0, dims(draw)[0]), rng.randint(40, max(60, horizon // 2))
        for _ in range(rng.randint(4, 7)):
            rx, ry = rng.randint(50, 120), rng.randint(22, 45)
            dx, dy = rng.randint(-110, 110), rng.randint(-18, 18)
            draw.ellipse([cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry], fill=(246, 248, 251))


def ground(draw: ImageDraw.ImageDraw, horizon: int, near: Color = (150, 150, 146), far: Color = (186, 184, 178)) -> None:
    gradient(draw, (0, horizon, *dims(draw)), far, near)


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
    while x < dims(draw)[0]:
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
          x0: int = 40, x1: int | None = None, **kwargs) -> None:
    x1 = dims(draw)[0] - 40 if x1 is None else x1
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
    width, height = dims(draw)
    gradient(draw, (0, 0, width, floor_y), mix(wall, (255, 255, 255), 0.3), wall)
    gradient(draw, (0, floor_y, width, height), (196, 170, 136), (160, 132, 100))
    draw.rectangle([0, floor_y - 14, width, floor_y], fill=mix(wall, (120, 100, 80), 0.4))


def table(draw: ImageDraw.ImageDraw, x0: int, y0: int, x1: int, y1: int, cloth: Color = (246, 246, 240)) -> None:
    draw.rectangle([x0 + 16, y1, x0 + 28, y1 + 70], fill=(110, 90, 70))
    draw.rectangle([x1 - 28, y1, x1 - 16, y1 + 70], fill=(110, 90, 70))
    draw.rectangle([x0, y0, x1, y1], fill=cloth)


def back_view(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, base: float, scale: float = 1.0) -> None:
    """Someone in the audience seen from behind: shoulders and the back of the head."""
    shirt = jitter(rng, rng.choice([(64, 70, 90), (120, 60, 56), (90, 100, 110), (150, 140, 120), (60, 60, 64)]), 12)
    hair = rng.choice([(36, 30, 28), (60, 52, 46), (150, 150, 150), (196, 196, 192)])
    draw.rounded_rectangle([x - 30 * scale, base - 50 * scale, x + 30 * scale, base], radius=int(14 * scale), fill=shirt)
    r = 15 * scale
    draw.ellipse([x - r, base - 50 * scale - 2 * r + 4, x + r, base - 50 * scale + 4], fill=hair)


def bicycle(draw: ImageDraw.ImageDraw, x: float, base: float, scale: float = 1.0, frame: Color = (40, 90, 150)) -> None:
    r = 26 * scale
    for cx in (x - 34 * scale, x + 34 * scale):
        draw.ellipse([cx - r, base - 2 * r, cx + r, base], outline=(40, 40, 44), width=max(2, int(4 * scale)))
    hub = base - r
    draw.line([(x - 34 * scale, hub), (x, hub - 22 * scale), (x + 34 * scale, hub), (x - 6 * scale, hub)],
              fill=frame, width=max(2, int(5 * scale)))


def glow(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, core: Color, around: Color) -> None:
    """A light in the dark: rings from the background colour to the lamp's colour."""
    for i in range(8, 0, -1):
        t = i / 8
        draw.ellipse([x - r * t, y - r * t, x + r * t, y + r * t], fill=mix(core, around, t * t))


def screen(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int],
           colors: tuple[Color, ...] = ((230, 60, 50), (80, 200, 100))) -> None:
    """A dark LED display with rows of lit dashes (no readable text)."""
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=(28, 30, 34))
    rows = max(1, (y1 - y0 - 10) // 22)
    for r in range(rows):
        x = x0 + 10
        while x < x1 - 30:
            w = rng.randint(14, 46)
            draw.rectangle([x, y0 + 8 + r * 22, min(x + w, x1 - 10), y0 + 20 + r * 22], fill=rng.choice(colors))
            x += w + rng.randint(8, 18)


def strokes(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], count: int,
            ink: Color = (26, 24, 24), width: int = 9) -> None:
    """Brush strokes in a column of squares, read from far away as a line of calligraphy."""
    x0, y0, x1, y1 = box
    cell = (y1 - y0) / count
    for i in range(count):
        top = y0 + i * cell
        for _ in range(rng.randint(3, 5)):
            ax, ay = rng.uniform(x0 + 4, x1 - 4), rng.uniform(top + 4, top + cell - 8)
            bx = min(x1 - 4, max(x0 + 4, ax + rng.uniform(-(x1 - x0) * 0.6, (x1 - x0) * 0.6)))
            by = min(top + cell - 6, ay + rng.uniform(0, cell * 0.6))
            draw.line([(ax, ay), (bx, by)], fill=ink, width=width)


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


def scene_meeting(draw, rng):
    """A meeting room: officials at a green-covered table, residents' backs in the rows in front."""
    indoor(draw, 540, wall=(234, 230, 222))
    banner(draw, (360, 70, 1240, 170), color=(180, 36, 34))
    draw.rectangle([1300, 110, 1540, 380], fill=(60, 64, 76))  # projection screen
    draw.rectangle([1314, 124, 1526, 366], fill=(176, 198, 220))
    for y in range(160, 340, 34):
        draw.rectangle([1334, y, 1334 + rng.randint(80, 170), y + 12], fill=(90, 110, 150))
    suits = [(40, 44, 56), (56, 60, 72), (230, 230, 226), (48, 52, 62)]
    for i in range(6):
        person(draw, rng, 330 + i * 180, 585, 1.5, shirt=jitter(rng, rng.choice(suits), 8), seated=True)
    table(draw, 210, 560, 1390, 620, cloth=(44, 96, 66))
    for i in range(6):
        x = 330 + i * 180
        draw.rectangle([x - 36, 536, x + 36, 560], fill=(246, 244, 236))  # name cards
        draw.rectangle([x + 44, 540, x + 60, 560], fill=(236, 236, 240))  # a cup
    for row, (y, count, scale) in enumerate([(800, 9, 1.5), (930, 8, 1.9), (1067, 7, 2.3)]):
        for i in range(count):
            x = 120 + i * (1360 / (count - 1)) + rng.uniform(-25, 25)
            back_view(draw, rng, x, y, scale)


def scene_canteen(draw, rng):
    """A community canteen at lunch: a serving counter, a menu board, older people at tables."""
    indoor(draw, 500, wall=(242, 234, 218))
    draw.rectangle([70, 290, 780, 320], fill=(150, 154, 160))
    draw.rectangle([70, 320, 780, 500], fill=(206, 212, 216))  # counter
    dishes = [(150, 90, 50), (90, 150, 70), (230, 190, 70), (200, 70, 50), (120, 170, 90), (236, 230, 210)]
    for i in range(6):
        x = 100 + i * 112
        draw.rectangle([x, 340, x + 92, 400], fill=(230, 232, 234))
        draw.ellipse([x + 8, 348, x + 84, 394], fill=jitter(rng, dishes[i], 14))
    for x in (200, 420, 640):  # cooks behind the counter, in white
        person(draw, rng, x, 330, 1.2, shirt=(246, 246, 244), hair=(250, 250, 250), seated=True)
    screen(draw, rng, (880, 80, 1460, 300), colors=((246, 214, 120), (240, 240, 230), (236, 120, 90)))
    for row, (y, scale) in enumerate([(690, 1.5), (930, 2.0)]):
        x0, x1 = (820, 1540) if row == 0 else (120, 1480)
        n = 4 if row == 0 else 5
        for i in range(n):
            x = x0 + 80 + i * ((x1 - x0 - 160) / (n - 1))
            person(draw, rng, x, y - 20, scale, seated=True,
                   hair=rng.choice([(200, 200, 196), (170, 170, 168), (226, 226, 222), (60, 52, 46)]))
        table(draw, x0, y - 20, x1, y + 30, cloth=(236, 224, 196))
        for i in range(n):
            x = x0 + 80 + i * ((x1 - x0 - 160) / (n - 1))
            draw.rectangle([x - 44, y - 14, x + 44, y + 16], fill=(196, 200, 204))  # tray
            draw.ellipse([x - 36, y - 10, x - 6, y + 10], fill=jitter(rng, (150, 90, 50), 10))
            draw.ellipse([x + 4, y - 10, x + 36, y + 10], fill=jitter(rng, (100, 160, 80), 10))


def scene_market(draw, rng):
    """Inside a refurbished food market: stalls under awnings, price displays, shoppers."""
    gradient(draw, (0, 0, SIZE[0], 420), (120, 126, 134), (186, 190, 194))
    for x in range(-200, 1800, 160):  # roof trusses
        draw.line([(x, 0), (x + 200, 220)], fill=(96, 100, 108), width=6)
    draw.rectangle([0, 200, SIZE[0], 220], fill=(90, 94, 100))
    gradient(draw, (0, 420, SIZE[0], SIZE[1]), (204, 204, 198), (168, 170, 166))
    for y in range(460, SIZE[1], 60):  # floor tiles
        draw.line([(0, y), (SIZE[0], y)], fill=(190, 190, 186), width=2)
    produce = [(80, 150, 60), (200, 50, 40), (236, 150, 40), (120, 180, 80), (230, 210, 120), (150, 60, 90)]
    for i, x in enumerate(range(40, 1600, 260)):
        awning = rng.choice([(40, 120, 170), (200, 70, 50), (60, 140, 90)])
        draw.rectangle([x, 300, x + 230, 600], fill=(236, 234, 228))
        for k in range(6):  # striped awning
            draw.rectangle([x + k * 38, 260, x + k * 38 + 38, 300], fill=awning if k % 2 == 0 else (246, 246, 240))
        screen(draw, rng, (x + 30, 318, x + 200, 372))
        draw.rectangle([x, 520, x + 230, 620], fill=(150, 150, 152))  # counter
        for _ in range(40):
            px, py = rng.randint(x + 12, x + 218), rng.randint(470, 530)
            draw.ellipse([px - 14, py - 12, px + 14, py + 12], fill=jitter(rng, rng.choice(produce), 16))
        person(draw, rng, x + 115, 470, 1.1, shirt=(246, 246, 240), seated=True)
    crowd(draw, rng, 16, 760, 1060)


def scene_service_hall(draw, rng):
    """A service hall: counter windows, a queue display, residents waiting on rows of seats."""
    indoor(draw, 560, wall=(236, 238, 236))
    screen(draw, rng, (520, 60, 1080, 170), colors=((230, 60, 50), (240, 200, 80)))
    draw.rectangle([120, 260, 1480, 290], fill=(60, 110, 170))  # signboard strip over the counters
    for i in range(6):
        x = 140 + i * 225
        draw.rectangle([x, 300, x + 200, 460], fill=(206, 222, 232))  # glass
        person(draw, rng, x + 100, 470, 1.2, shirt=(240, 242, 246), seated=True)
    draw.rectangle([110, 460, 1490, 600], fill=(216, 206, 190))  # counter
    draw.rectangle([110, 452, 1490, 470], fill=(170, 160, 146))
    person(draw, rng, 700, 760, 1.9, hair=(210, 210, 206))  # an older resident at a window
    person(draw, rng, 790, 770, 1.9, shirt=(200, 80, 70))    # with her daughter
    for row, y in enumerate((860, 1000)):
        for i in range(7):
            x = 160 + i * 200
            draw.rectangle([x - 60, y - 20, x + 60, y + 10], fill=(60, 110, 170))  # seats
            if rng.random() < 0.6:
                back_view(draw, rng, x, y - 10, 1.6 + row * 0.3)


def scene_osmanthus(draw, rng):
    """An osmanthus tree in bloom between old blocks; neighbours at a card table beneath."""
    horizon = 640
    sky(draw, horizon, (110, 164, 224), (220, 232, 242))
    clouds(draw, rng, horizon, 3)
    ground(draw, horizon, (160, 156, 150), (192, 188, 180))
    skyline(draw, rng, horizon, low=300, high=460)
    for x, scale in ((800, 3.2), (130, 2.0), (1500, 2.2)):
        tree(draw, rng, x, 900, scale, leaves=(60, 104, 62))
        for _ in range(int(160 * scale)):  # the small golden flowers, inside the crown
            fx, fy = x + rng.uniform(-90, 90) * scale, 900 - rng.uniform(70, 230) * scale
            r = rng.uniform(3, 6)
            draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=jitter(rng, (240, 176, 40), 18))
    table(draw, 640, 880, 960, 910, cloth=(190, 150, 100))
    for x in (600, 700, 900, 1000):
        person(draw, rng, x, 900, 1.4, seated=True, hair=rng.choice([(200, 200, 196), (150, 150, 150)]))
    person(draw, rng, 1200, 1040, 1.6)
    person(draw, rng, 1280, 1050, 1.0, shirt=(230, 90, 90))  # a child


def scene_portrait(draw, rng):
    """Portrait format: a resident-area secretary in front of the notice board, notebook in hand."""
    width, height = dims(draw)
    gradient(draw, (0, 0, width, 1180), (228, 220, 206), (210, 200, 186))  # the building's wall
    for y in range(40, 520, 160):
        for x in range(60, width, 250):
            draw.rectangle([x, y, x + 150, y + 100], fill=jitter(rng, (110, 134, 156), 8))
    draw.rectangle([90, 560, width - 90, 1060], fill=(120, 80, 60))  # the notice board
    draw.rectangle([110, 580, width - 110, 1040], fill=(200, 214, 222))
    for _ in range(9):
        x, y = rng.randint(130, width - 330), rng.randint(600, 880)
        draw.rectangle([x, y, x + rng.randint(140, 200), y + rng.randint(110, 150)],
                       fill=rng.choice([(246, 244, 236), (236, 90, 80), (250, 226, 140), (170, 210, 240)]))
    banner(draw, (110, 480, width - 110, 560), color=(186, 38, 36))
    gradient(draw, (0, 1180, width, height), (176, 170, 162), (140, 136, 130))
    for x in (40, width - 40):
        tree(draw, rng, x, 1260, 2.2)
    person(draw, rng, width * 0.5, 1580, 5.0, shirt=(176, 44, 52), hair=(40, 32, 30))
    draw.rectangle([width * 0.5 + 70, 1130, width * 0.5 + 170, 1260], fill=(40, 70, 130))  # notebook
    draw.rectangle([width * 0.5 + 78, 1140, width * 0.5 + 162, 1250], fill=(236, 234, 226))


def scene_construction(draw, rng):
    """A rebuilding site behind blue hoarding: a concrete frame, a tower crane, workers in helmets."""
    horizon = 700
    sky(draw, horizon)
    clouds(draw, rng, horizon, 3)
    ground(draw, horizon, (170, 156, 136), (196, 184, 166))
    skyline(draw, rng, horizon - 40, low=180, high=300)
    for floor in range(5):  # the frame going up
        y = horizon - floor * 90
        draw.rectangle([380, y - 14, 1180, y], fill=(170, 170, 166))
        if floor < 4:
            for x in range(390, 1180, 130):
                draw.rectangle([x, y - 90, x + 18, y], fill=(150, 150, 148))
    draw.rectangle([1290, 120, 1320, horizon], fill=(236, 190, 40))  # crane mast
    for y in range(130, horizon, 40):
        draw.line([(1290, y), (1320, y + 40)], fill=(180, 140, 30), width=3)
    draw.rectangle([640, 110, 1560, 128], fill=(236, 190, 40))  # jib
    draw.rectangle([1400, 128, 1470, 170], fill=(120, 120, 124))  # counterweight
    draw.line([(820, 128), (820, 420)], fill=(60, 60, 60), width=3)
    draw.rectangle([790, 420, 850, 450], fill=(120, 90, 60))
    for x in range(0, SIZE[0], 200):  # hoarding
        draw.rectangle([x, 740, x + 196, 900], fill=(40, 96, 170))
        draw.rectangle([x + 10, 800, x + 186, 820], fill=(236, 240, 246))
    for _ in range(7):
        person(draw, rng, rng.randint(420, 1160), rng.randint(690, 720), 0.7, shirt=(236, 120, 40), hair=(246, 200, 40))
    for x in (300, 520, 1180):
        person(draw, rng, x, 1030, 1.8, shirt=(236, 120, 40), hair=(246, 200, 40))
    person(draw, rng, 1420, 1040, 1.7, shirt=(70, 90, 140), hair=(246, 246, 246))  # the site's safety officer


def scene_ginkgo_street(draw, rng):
    """An autumn street lined with golden ginkgo trees, cyclists and walkers."""
    horizon = 520
    sky(draw, horizon, (130, 176, 226), (224, 234, 242))
    ground(draw, horizon, (170, 166, 160), (200, 196, 190))
    skyline(draw, rng, horizon, low=160, high=320)
    vx = SIZE[0] // 2
    draw.polygon([(vx - 30, horizon), (vx + 30, horizon), (1240, SIZE[1]), (360, SIZE[1])], fill=(96, 98, 104))
    draw.line([(vx, horizon), (800, SIZE[1])], fill=(236, 236, 230), width=6)
    for k in range(9, 0, -1):  # rows of trees, far to near
        t = k / 9
        y = horizon + (SIZE[1] - horizon) * (1 - t) + 30
        scale = 0.35 + 1.5 * (1 - t)
        for side in (-1, 1):
            x = vx + side * (60 + (1 - t) * 700)
            tree(draw, rng, int(x), int(y), scale, leaves=(232, 190, 50))
    for _ in range(220):  # fallen leaves on the pavements
        x, y = rng.randint(0, SIZE[0]), rng.randint(horizon + 120, SIZE[1])
        if 360 < x < 1240 and y > horizon + 300:
            continue
        draw.ellipse([x - 5, y - 3, x + 5, y + 3], fill=jitter(rng, (238, 196, 60), 18))
    bicycle(draw, 720, 930, 1.5)
    person(draw, rng, 720, 870, 1.0, shirt=(200, 60, 60))
    bicycle(draw, 900, 760, 0.8, frame=(200, 120, 40))
    person(draw, rng, 200, 1040, 1.6)
    person(draw, rng, 1400, 1000, 1.4, hair=(200, 200, 196))


def scene_taiji(draw, rng):
    """Early morning in the pocket park: rows of residents in white doing taiji under red maples."""
    horizon = 560
    sky(draw, horizon, (176, 200, 226), (240, 226, 206))
    ground(draw, horizon, (190, 178, 160), (214, 204, 188))
    skyline(draw, rng, horizon, low=160, high=320)
    for x in range(30, 1600, 210):
        tree(draw, rng, x + rng.randint(-30, 30), horizon + 60, 1.0,
             leaves=rng.choice([(196, 70, 40), (214, 110, 40), (90, 130, 70)]))
    for row, (y, n, scale) in enumerate([(700, 7, 1.0), (830, 6, 1.35), (990, 5, 1.7)]):
        for i in range(n):
            x = 220 + i * (1160 / (n - 1)) + rng.uniform(-20, 20)
            person(draw, rng, x, y, scale, shirt=(246, 246, 242),
                   hair=rng.choice([(200, 200, 196), (170, 170, 168), (40, 34, 30)]))


def scene_camphor(draw, rng):
    """An old camphor tree with a round bench around its trunk; people resting in its shade."""
    horizon = 700
    sky(draw, horizon)
    clouds(draw, rng, horizon, 2)
    ground(draw, horizon, (150, 150, 146), (184, 182, 176))
    skyline(draw, rng, horizon, low=240, high=380)
    draw.rectangle([740, 380, 860, 880], fill=(92, 70, 54))  # trunk
    draw.polygon([(740, 560), (560, 360), (590, 340), (770, 520)], fill=(92, 70, 54))
    draw.polygon([(860, 540), (1050, 330), (1080, 350), (860, 600)], fill=(92, 70, 54))
    for _ in range(90):  # the crown
        r = rng.randint(70, 140)
        cx, cy = rng.randint(180, 1420), rng.randint(40, 440)
        draw.ellipse([cx - r, cy - r * 0.8, cx + r, cy + r * 0.8], fill=jitter(rng, (54, 100, 58), 14))
    draw.ellipse([480, 820, 1120, 980], fill=(170, 166, 160))  # the tree pool
    draw.ellipse([560, 846, 1040, 954], fill=(120, 100, 76))
    draw.rectangle([740, 800, 860, 900], fill=(92, 70, 54))
    for x in (500, 620, 980, 1100):
        person(draw, rng, x, 920, 1.5, seated=True, hair=rng.choice([(200, 200, 196), (150, 150, 150)]))
    person(draw, rng, 1300, 1030, 1.1, shirt=(236, 190, 60))  # children running
    person(draw, rng, 1400, 1050, 1.1, shirt=(90, 150, 220))


def scene_calligraphy(draw, rng):
    """Scrolls of calligraphy on the wall of an activity room; a writer at a table, neighbours looking on."""
    indoor(draw, 640, wall=(238, 232, 218))
    for x in (150, 520, 890, 1260):  # hanging scrolls
        draw.rectangle([x, 60, x + 200, 500], fill=(246, 242, 230))
        draw.rectangle([x - 10, 52, x + 210, 64], fill=(120, 80, 50))
        draw.rectangle([x - 10, 498, x + 210, 510], fill=(120, 80, 50))
        strokes(draw, rng, (x + 50, 90, x + 150, 470), 5)
        draw.rectangle([x + 140, 440, x + 156, 456], fill=(200, 40, 40))  # the seal
    draw.rectangle([200, 700, 1400, 860], fill=(50, 52, 58))  # felt-covered table
    draw.rectangle([460, 720, 1060, 840], fill=(206, 42, 36))  # red paper for couplets
    strokes(draw, rng, (500, 730, 1020, 830), 1, width=12)
    draw.ellipse([1150, 740, 1250, 800], fill=(20, 20, 22))  # inkstone
    for x in (1290, 1310, 1330):
        draw.line([(x, 730), (x + 30, 830)], fill=(150, 110, 70), width=6)
    person(draw, rng, 760, 700, 1.6, shirt=(70, 70, 80), hair=(210, 210, 206), seated=True)
    for x in (300, 420, 1160, 1320, 1460):
        person(draw, rng, x, 1040, 2.0)


def scene_night_patrol(draw, rng):
    """Volunteers in orange vests on a night patrol under street lamps, torches pointed at the kerb."""
    horizon = 640
    sky(draw, horizon, (14, 20, 44), (46, 52, 86))
    gradient(draw, (0, horizon, SIZE[0], SIZE[1]), (54, 54, 60), (34, 34, 40))
    skyline(draw, rng, horizon, lit=True, low=240, high=460)
    for x in (160, 640, 1120, 1560):
        draw.rectangle([x - 5, 330, x + 5, 860], fill=(70, 72, 80))
        glow(draw, x, 330, 70, (255, 236, 170), (36, 42, 72))
    for x, base in ((420, 960), (600, 990), (780, 970), (960, 1000), (1140, 980)):
        draw.polygon([(x + 20, base - 150), (x + 160, base + 60), (x + 40, base + 70)], fill=(120, 116, 92))  # torch beam
        person(draw, rng, x, base, 1.9, shirt=(240, 124, 30))
        draw.rectangle([x - 34, base - 230, x - 18, base - 210], fill=(214, 36, 36))  # red armband


class Photo(NamedTuple):
    issue: str
    name: str  # the file is images/<name>.jpg, and the name seeds the random generator
    scene: Callable[[ImageDraw.ImageDraw, random.Random], None]
    size: tuple[int, int] = SIZE


PHOTOS = [
    Photo("2024-12", "jiazhuang-dianti", scene_elevator),
    Photo("2024-12", "dongzhi-huntun", scene_dongzhi),
    Photo("2024-12", "pingyihui", scene_meeting),
    Photo("2024-12", "yinling-shitang", scene_canteen),
    Photo("2025-09", "yingguoqing", scene_guoqing),
    Photo("2025-09", "koudai-gongyuan", scene_park),
    Photo("2025-09", "caichang", scene_market),
    Photo("2025-09", "yanglao-chuangkou", scene_service_hall),
    Photo("2025-09", "jingui", scene_osmanthus),
    Photo("2025-10", "xiaofang-yanlian", scene_xiaofang),
    Photo("2025-10", "zhongqiu-youyuan", scene_zhongqiu),
    Photo("2025-10", "jiugai-gongdi", scene_construction),
    Photo("2025-10", "liu-guifang", scene_portrait, PORTRAIT),
    Photo("2025-10", "qiuse-yinxinglu", scene_ginkgo_street),
    Photo("2025-10", "qiuse-taiji", scene_taiji),
    Photo("2025-10", "qiuse-xiangzhang", scene_camphor),
    Photo("2025-11", "chongyang-jinglao", scene_chongyang),
    Photo("2025-11", "fuwuzhan", scene_shenghuoquan),
    Photo("2025-11", "lajixiangfang", scene_lajifenlei),
    Photo("2025-11", "yexun", scene_night_patrol),
    Photo("2025-11", "zhangzhe-shitang", scene_canteen),
    Photo("2025-11", "shufa", scene_calligraphy),
]


def render(name: str, scene, size: tuple[int, int] = SIZE) -> Image.Image:
    rng = random.Random(f"guiyuan-{name}")
    image = Image.new("RGB", size, (255, 255, 255))
    scene(ImageDraw.Draw(image), rng)
    # Soften the hard edges a little so the shapes read as a (very) low-fi photo.
    return image.filter(ImageFilter.GaussianBlur(1.2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the sample paper's illustrative photos.")
    parser.add_argument("--force", action="store_true", help="overwrite photos that already exist")
    args = parser.parse_args(argv)
    skipped = 0
    for issue, name, scene, size in PHOTOS:
        target = ISSUES / issue / "images" / f"{name}.jpg"
        if target.exists() and not args.force:
            print(f"exists, not overwritten (use --force): {target.relative_to(ROOT)}", file=sys.stderr)
            skipped += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        render(name, scene, size).save(target, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        print(target.relative_to(ROOT))
    if skipped:
        print(f"{skipped} photo(s) left as they were", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
