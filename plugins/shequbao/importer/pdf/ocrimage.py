"""What a scanned page's image shows besides text, found from its pixels (a greyscale numpy
array), in the terms of a pdfplumber page (points):

- **rules**: dark runs at least ``RULE_MIN`` body sizes long, at most ``THICK`` points thick,
  with white along both sides (the strokes of touching characters have ink beside them);
  a column rule in light grey, found along a line's band (:func:`faint_rules`);
- **boxes**: two vertical rules of one height joined by a horizontal one (the frame of the
  短消息 or of a notice), topped by the box's label band when it has one;
- **label bands**: solid dark bands (a label in white on black), turned black on white so
  that tesseract reads them;
- **photos**: areas of grey tones (text is black on white), kept as pictures.
"""

from __future__ import annotations

RULE_MIN = 3.0  # × body size: shorter dark runs are strokes of characters
THICK = 4.0  # points: a thicker dark run is a character's stroke or a photo, not a rule
DARK = 128  # grey level below which a pixel is ink
CLEAR = 0.25  # share of ink at most beside a rule (just above and below a horizontal one)


def page_rules(image, body_px: float, scale: float, lines: list, bands: list = ()) -> tuple[list[dict], list[dict]]:
    """(rules, boxes) drawn on a scanned page, in points, as pdfplumber's ``lines`` and
    ``rects`` (a box framed: ``stroke`` set). A box's label band (``bands``, inverted before
    OCR) right above its frame is its top."""
    import numpy as np

    dark = image < DARK
    longest = RULE_MIN * body_px
    thick = THICK / scale
    big = [w for ln in lines if ln.em > 1.6 * body_px for w in ln.words]  # a headline's strokes are no rules
    flat = _strokes(dark | _faint(image, 0), longest, thick)  # (a rule printed in light grey is one too)
    tall = _strokes(np.ascontiguousarray((dark | _faint(image, 1)).T), longest, thick)  # (x0, x1, top, bottom)
    flat = [(x0, x1, t, b) for t, b, x0, x1 in flat if _clear(dark, t, b, x0, x1)]
    tall = [r for r in tall if _clear(dark.T, r[0], r[1], r[2], r[3])]
    flat, tall = ([r for r in rs if not any(_within(r, w) for w in big)] for rs in (flat, tall))
    rules = [_thin(x0 * scale, x1 * scale, t * scale, b * scale) for x0, x1, t, b in flat + tall]
    slack = 2 * thick + 2
    boxes = [{**r, "stroke": True, "fill": False} for r in _boxes(flat, tall, slack, scale)]
    for box in boxes:
        for x0, x1, top, bottom in bands:
            if abs(bottom * scale - box["top"]) <= slack * scale and x0 * scale < box["x1"] and box["x0"] < x1 * scale:
                box["top"] = min(box["top"], top * scale)
    return rules, boxes


FAINT = 16  # grey levels: a column rule printed in light grey is this much darker than the paper beside it …
FAINT_SIDE = 3  # … a few pixels away on either side (a hairline is a pixel or two wide)


def _faint(image, axis: int):
    """Pixels ``FAINT`` darker than those ``FAINT_SIDE`` away on both sides across ``axis``
    (0: above and below, where a horizontal rule has paper; 1: left and right)."""
    import numpy as np

    grey = image.astype(np.int16)
    out = np.zeros(image.shape, dtype=bool)
    k = FAINT_SIDE
    if image.shape[axis] <= 2 * k:
        return out
    if axis == 0:
        out[k:-k] = (grey[k:-k] + FAINT <= grey[:-2 * k]) & (grey[k:-k] + FAINT <= grey[2 * k:])
    else:
        out[:, k:-k] = (grey[:, k:-k] + FAINT <= grey[:, :-2 * k]) & (grey[:, k:-k] + FAINT <= grey[:, 2 * k:])
    return out


def faint_rules(reach):
    """The columns of ``reach`` (a band of the page) a light grey rule runs down, whole: each
    pixel :func:`_faint` across them (the grey hairline between the columns of a box, which
    tesseract reads as ，or 。 joining them)."""
    return _faint(reach, 1).all(axis=0)


def _thin(x0: float, x1: float, top: float, bottom: float) -> dict:
    """A rule as drawn: its middle line (a scan blurs it thicker than a typeset rule)."""
    if x1 - x0 >= bottom - top:
        middle = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": middle - 0.5, "bottom": middle + 0.5}
    middle = (x0 + x1) / 2
    return {"x0": middle - 0.5, "x1": middle + 0.5, "top": top, "bottom": bottom}


def _clear(dark, top: int, bottom: int, start: int, end: int) -> bool:
    """Whether a dark run has white on both sides along most of its length (a rule stands
    clear; the strokes of neighbouring characters that touch have ink beside them)."""
    margin = 2
    above = dark[max(0, top - margin - 1):max(0, top - margin), start:end]
    below = dark[bottom + margin:bottom + margin + 1, start:end]
    return all(side.size == 0 or side.mean() <= CLEAR for side in (above, below))


def _within(rule, w) -> bool:
    x0, x1, t, b = rule
    return x0 >= w.left - 2 and x1 <= w.left + w.width + 2 and t >= w.top - 2 and b <= w.top + w.height + 2


def _strokes(dark, longest: float, thick: float) -> list[tuple[int, int, int, int]]:
    """Dark runs along the rows of ``dark`` at least ``longest`` pixels long, runs on
    neighbouring rows at the same place merged: (first row, last row + 1, start, end), at
    most ``thick`` rows thick."""
    import numpy as np

    open_: list[list[int]] = []  # [first, last, start, end]
    done = []
    for row in range(dark.shape[0]):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], dark[row].view(np.int8), [0]))))
        runs = [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2]) if e - s >= longest]
        still = []
        for s, e in runs:
            hit = next((o for o in open_ if o[1] == row - 1 and abs(o[2] - s) <= 3 and abs(o[3] - e) <= 3), None)
            if hit is None:
                hit = [row, row, s, e]
            hit[1], hit[2], hit[3] = row, min(hit[2], s), max(hit[3], e)
            still.append(hit)
        done += [o for o in open_ if o not in still]
        open_ = still
    done += open_
    return [(a, b + 1, s, e) for a, b, s, e in done if b + 1 - a <= thick]


def _boxes(flat: list, tall: list, slack: float, scale: float) -> list[dict]:
    """Rectangles framed by two vertical rules of one height and a horizontal rule joining
    them at the top or the bottom (a box's top may be a solid band with its name in it);
    or by two vertical rules ending at one height, one cut short by a label band standing
    against it, with horizontal rules joining them at the top and at the bottom."""
    def joins(left, right, y: float) -> bool:
        return any(abs(h[0] - left[0]) <= slack and abs(h[1] - right[1]) <= slack and h[2] - slack <= y <= h[3] + slack
                   for h in flat)

    out = []
    for left in tall:
        for right in tall:
            if right[0] <= left[1] + 4 * slack:
                continue
            top, bottom = min(left[2], right[2]), max(left[3], right[3])
            tops, bottoms = abs(right[2] - left[2]) <= slack, abs(right[3] - left[3]) <= slack
            framed = (tops and bottoms and (joins(left, right, left[2]) or joins(left, right, left[3]))) or (
                (tops or bottoms) and joins(left, right, top) and joins(left, right, bottom))
            if framed:
                out.append({"x0": left[0] * scale, "x1": right[1] * scale, "top": top * scale, "bottom": bottom * scale})
                break
    return out


CELL = 16  # pixels: the grain at which a page is told apart into text and picture
GREY = (75, 215)  # grey levels of a photo's tones (text is black on white, with thin grey edges)
TONED = 0.45  # share of grey pixels: a cell this toned is part of a picture
INKED = 0.85  # share of dark pixels: so is a cell this dark (a night scene; strokes are thinner than a cell)
FILLED = 0.4  # share of toned cells in a picture's bounding box
PICTURE_MIN = 36.0  # points: smaller toned patches are ornaments (as images.MIN_SIDE)


def find_pictures(image, scale: float, number: int) -> list[dict]:
    """The photos of a scanned page, as pdfplumber's ``images`` (points), each with a stream
    holding its grey pixels, so the photo is kept as in a typeset PDF."""
    import numpy as np

    h, w = image.shape[0] // CELL * CELL, image.shape[1] // CELL * CELL
    cells = image[:h, :w].reshape(h // CELL, CELL, w // CELL, CELL)
    light = max(GREY[1], paper_level(image) - PAPER_MARGIN)
    toned = (((cells > GREY[0]) & (cells < GREY[1])).mean(axis=(1, 3)) > TONED) | ((cells < DARK).mean(axis=(1, 3)) > INKED)
    toned |= (cells < light).mean(axis=(1, 3)) > UNPAPERED  # a pale sky or wall is the photo's too
    out = []
    for top, bottom, left, right in _merged([b for b in _components(toned) if (b[1] - b[0]) * (b[3] - b[2]) >= 4]):
        if min(bottom - top, right - left) * CELL * scale < PICTURE_MIN or toned[top:bottom, left:right].mean() < FILLED:
            continue
        top, bottom, left, right = _trimmed(image, light, top * CELL, bottom * CELL, left * CELL, right * CELL)
        box = image[top:bottom, left:right]
        out.append({"x0": left * scale, "x1": right * scale, "top": top * scale, "bottom": bottom * scale, "bits": 8,
                    "srcsize": (box.shape[1], box.shape[0]), "colorspace": "DeviceGray",
                    "stream": _Pixels(np.ascontiguousarray(box).tobytes())})
    return out


def _trimmed(image, light: int, top: int, bottom: int, left: int, right: int) -> tuple[int, int, int, int]:
    """A picture's box found at the grain of cells, each edge moved to the picture's own: in
    (at most two cells) past the white that parts it from the caption under it or the text
    beside it (whose grey edges touch its cells), or out (at most a cell) over toned rows
    or columns that go on from it (its edge in a cell half paper)."""
    y0, x0 = max(0, top - CELL), max(0, left - CELL)
    y1, x1 = min(image.shape[0], bottom + CELL), min(image.shape[1], right + CELL)
    tone = image[y0:y1, x0:x1] < light
    rows, cols = tone.mean(axis=1), tone.mean(axis=0)
    top, bottom = y0 + _edge(rows, top - y0, 1), y0 + _edge(rows, bottom - y0 - 1, -1) + 1
    left, right = x0 + _edge(cols, left - x0, 1), x0 + _edge(cols, right - x0 - 1, -1) + 1
    return top, bottom, left, right


EDGE_TONED = 0.5  # share of toned pixels: a row or column going on from a picture's edge is the picture's …
EDGE_PAPER = 0.05  # … and one with at most this share is the white around it


def _edge(shares, start: int, inward: int) -> int:
    """The picture's edge from ``start`` (an index into the ``shares`` of toned pixels of its
    rows or columns), going ``inward`` (+1 or -1) past the white around it, else outward."""
    white = [at for at in range(start, start + inward * 2 * CELL, inward)
             if 0 <= at < len(shares) and shares[at] <= EDGE_PAPER]
    if white:
        return white[-1] + inward
    at = start
    while abs(at - start) < CELL and 0 <= at - inward < len(shares) and shares[at - inward] >= EDGE_TONED:
        at -= inward
    return at


FLAT_LEVEL = 12  # grey levels: a tinted box's ground stays this close to its commonest level (scan noise) …


def flat_share(image, x0: int, x1: int, top: int, bottom: int) -> float:
    """The share of an area's pixels within ``FLAT_LEVEL`` of its commonest grey level: most of
    a tinted box (its even ground between the strokes of its text), little of a photo."""
    import numpy as np

    crop = image[max(0, top):bottom, max(0, x0):x1]
    if crop.size == 0:
        return 0.0
    counts = np.bincount(crop.ravel(), minlength=256)
    level = int(counts.argmax())
    return float(counts[max(0, level - FLAT_LEVEL):level + FLAT_LEVEL + 1].sum()) / crop.size


UNPAPERED = 0.9  # share of pixels darker than the paper: a cell this covered is a picture's (text leaves paper between its strokes)
PAPER_MARGIN = 10  # grey levels: a tone this much darker than the paper is not paper (its noise is less)


def paper_level(image) -> int:
    """The grey of the paper: the commonest of the light levels (a scan's white is not 255)."""
    import numpy as np

    counts = np.bincount(image.ravel(), minlength=256)
    return int(DARK + counts[DARK:].argmax())


def _components(mask) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, bottom, left, right; cells) of the 4-connected parts of ``mask``."""
    seen = mask.copy()
    out = []
    rows, cols = mask.shape
    for start in zip(*seen.nonzero()):
        if not seen[start]:
            continue
        seen[start] = False
        stack, box = [start], [start[0], start[0] + 1, start[1], start[1] + 1]
        while stack:
            r, c = stack.pop()
            box = [min(box[0], r), max(box[1], r + 1), min(box[2], c), max(box[3], c + 1)]
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and seen[nr, nc]:
                    seen[nr, nc] = False
                    stack.append((nr, nc))
        out.append(tuple(box))
    return out


def _merged(boxes: list[tuple]) -> list[tuple]:
    """Boxes that overlap joined (the toned patches of one photo with white between them)."""
    boxes = list(boxes)
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]:
                    boxes[i] = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    joined = True
                    break
            if joined:
                break
    return boxes


def crop_bottom(p: dict, bottom: float) -> None:
    """The picture ``p`` (of :func:`find_pictures`) ending at ``bottom`` (points), its pixels too."""
    if not p["top"] < bottom < p["bottom"]:
        return
    wide, high = p["srcsize"]
    rows = max(1, min(high, round(high * (bottom - p["top"]) / (p["bottom"] - p["top"]))))
    p["stream"] = _Pixels(p["stream"].get_data()[:rows * wide])
    p["srcsize"], p["bottom"] = (wide, rows), bottom


class _Pixels:
    """What :func:`.images.extract` asks of a PDF image stream: raw 8-bit grey pixels."""

    def __init__(self, data: bytes):
        self.data = data

    def get_filters(self) -> list:
        return []

    def get_data(self) -> bytes:
        return self.data


BAND = 0.6  # share of dark pixels: a cell this dark belongs to a solid band (a box's label, white on black)
BAND_CELLS = (2, 8)  # a band is this many cells tall
BAND_SHAPE = 3.0  # … and at least this many times as wide as tall


def invert_bands(image, pictures: list[dict], scale: float, bands: list | None = None):
    """The page with solid dark bands (the 短消息 label in white on black) turned to black on
    white, so that tesseract reads their text; photos are left as they are. Each band's
    pixel box (x0, x1, top, bottom) is added to ``bands``."""
    h, w = image.shape[0] // CELL * CELL, image.shape[1] // CELL * CELL
    cells = image[:h, :w].reshape(h // CELL, CELL, w // CELL, CELL)
    solid = (cells < DARK).mean(axis=(1, 3)) > BAND
    out = image
    for top, bottom, left, right in _components(solid):
        tall, wide = bottom - top, right - left
        if not BAND_CELLS[0] <= tall <= BAND_CELLS[1] or wide < BAND_SHAPE * tall:
            continue
        x, y = (left + right) / 2 * CELL * scale, (top + bottom) / 2 * CELL * scale
        if any(p["x0"] <= x <= p["x1"] and p["top"] <= y <= p["bottom"] for p in pictures):
            continue
        if out is image:
            out = image.copy()
        y0, y1, x0, x1 = _band_edges(image, max(0, top - 1) * CELL, (bottom + 1) * CELL, max(0, left - 1) * CELL,
                                     (right + 1) * CELL)
        out[y0:y1, x0:x1] = 255 - image[y0:y1, x0:x1]
        if bands is not None:
            bands.append((x0, x1, y0, y1))
    return out


def _band_edges(image, top: int, bottom: int, left: int, right: int) -> tuple[int, int, int, int]:
    """The exact rows and columns of a band found at the grain of cells: those mostly dark."""
    import numpy as np

    area = image[top:bottom, left:right] < DARK
    rows = np.flatnonzero(area.mean(axis=1) > 0.5)
    cols = np.flatnonzero(area.mean(axis=0) > 0.5)
    if not len(rows) or not len(cols):
        return top, top, left, left
    return top + int(rows[0]), top + int(rows[-1]) + 1, left + int(cols[0]), left + int(cols[-1]) + 1
