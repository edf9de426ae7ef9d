"""Photos: the rendering worker on its own — orientation, colour profiles, transparency, odd
modes, the cache key. Fast: small generated pictures, no MkDocs build.

Every picture and colour profile is generated here; nothing is copied from anywhere.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFilter, ImageStat

from shequbao.photos import ImageSettings, Job, Rendered, init_worker
from shequbao.photos import render as render_photo

SETTINGS = ImageSettings(widths=(40, 80, 150), workers=1)
# the four quadrants of an upright test picture: which way up and which side left
QUADRANTS = {"top left": (220, 30, 30), "top right": (30, 200, 30), "bottom left": (30, 30, 220), "bottom right": (230, 230, 40)}
# EXIF orientation → what turns the upright picture into what the camera stored
STORED = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
          5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}


def quadrants(size: tuple[int, int]) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size)
    for name, colour in QUADRANTS.items():
        x = 0 if "left" in name else w // 2
        y = 0 if "top" in name else h // 2
        im.paste(colour, (x, y, x + w // 2, y + h // 2))
    return im


def render(source: Path, tmp_path: Path, settings: ImageSettings = SETTINGS) -> tuple[dict, Path]:
    entry = tmp_path / "cache" / source.stem
    entry.mkdir(parents=True, exist_ok=True)
    init_worker(settings.max_pixels)  # as the pool's worker processes are set up
    rendered = render_photo(Job(str(source), str(entry), settings))
    assert isinstance(rendered, Rendered), rendered
    return rendered.to_meta(), entry


def close(a, b, tolerance=24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("upright", [(300, 200), (200, 300)], ids=["landscape", "portrait"])
def test_every_rendition_is_upright_whatever_the_exif_orientation(tmp_path, orientation, upright):
    picture = quadrants(upright)
    stored = picture if STORED[orientation] is None else picture.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / f"o{orientation}.jpg"
    stored.save(source, "JPEG", quality=95, exif=exif)
    meta, entry = render(source, tmp_path)
    width = min(upright[0], 150 * upright[0] // upright[1])  # the largest rendition is at most 150 px on its long side
    expected = [w for w in (40, 80, 150) if w < width] + ([width] if width <= 150 else [])
    assert (meta["width"], meta["height"]) == upright
    assert [w for w, _ in meta["renditions"]] == expected
    assert meta["jpeg"] == [meta["renditions"][-1]]  # one JPEG, the largest
    files = [f"{w}.webp" for w in expected] + [f"{expected[-1]}.jpg"]
    assert sorted(p.name for p in entry.iterdir()) == sorted(files)
    for name in files:
        with Image.open(entry / name) as im:
            im = im.convert("RGB")
            w, h = im.size
            assert (w, round(upright[1] * w / upright[0])) == (w, h), name
            for quadrant, colour in QUADRANTS.items():
                x = w // 4 if "left" in quadrant else 3 * w // 4
                y = h // 4 if "top" in quadrant else 3 * h // 4
                assert close(im.getpixel((x, y)), colour), (name, quadrant, im.getpixel((x, y)))


def icc_profile(description: str, red, green, blue, gamma=2.2) -> bytes:
    """A minimal ICC v2 matrix/TRC display profile (like a phone's Display P3)."""

    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    text = description.encode("ascii") + b"\0"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text)) + text + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(gamma * 256)) + b"\0" * 2
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(*red)), (b"gXYZ", xyz(*green)),
            (b"bXYZ", xyz(*blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp"
              + b"\0" * 24 + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


DISPLAY_P3 = icc_profile("Display P3 (test)", (0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841))


@pytest.mark.parametrize("orientation", [1, 6])
def test_colours_are_converted_from_the_embedded_profile_to_srgb(tmp_path, orientation):
    colour = (200, 110, 60)
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / "p3.jpg"
    Image.new("RGB", (600, 400), colour).save(source, "JPEG", quality=95, icc_profile=DISPLAY_P3, exif=exif)
    with Image.open(source) as im:
        original = im.convert("RGB").getpixel((300, 200))
        expected = ImageCms.profileToProfile(im.convert("RGB"), ImageCms.ImageCmsProfile(io.BytesIO(DISPLAY_P3)),
                                             ImageCms.createProfile("sRGB")).getpixel((300, 200))
    assert not close(original, expected, 8)  # the profile matters for this colour
    meta, entry = render(source, tmp_path)
    largest = meta["renditions"][-1][0]  # 150, or 100 for the portrait (150 on its long side)
    for name in ("40.webp", "80.webp", f"{largest}.webp", f"{largest}.jpg"):
        with Image.open(entry / name) as im:
            assert "icc_profile" not in im.info, name
            pixel = im.convert("RGB").getpixel((im.width // 2, im.height // 2))
        assert close(pixel, expected, 6), (name, pixel, expected)


def test_an_srgb_profile_is_left_as_it_is(tmp_path):
    source = tmp_path / "srgb.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (300, 200), (200, 110, 60)).save(source, "JPEG", quality=95, icc_profile=srgb)
    meta, entry = render(source, tmp_path)
    with Image.open(entry / "150.webp") as im:
        assert close(im.convert("RGB").getpixel((75, 50)), (200, 110, 60), 6)


def test_transparency_stays_in_webp_and_is_white_in_the_jpeg(tmp_path):
    source = tmp_path / "logo.png"
    picture = Image.new("RGBA", (300, 200), (0, 0, 0, 0))  # 300 → 150: halved by Image.reduce
    picture.paste((200, 20, 20, 255), (0, 0, 150, 200))
    picture.save(source)
    meta, entry = render(source, tmp_path)
    assert [w for w, _ in meta["renditions"]] == [40, 80, 150]
    with Image.open(entry / "150.webp") as im:
        assert im.mode == "RGBA"
        assert im.getpixel((30, 50))[3] == 255 and close(im.getpixel((30, 50))[:3], (200, 20, 20))
        assert im.getpixel((120, 50))[3] == 0
    with Image.open(entry / "40.webp") as im:
        assert im.mode == "RGBA" and im.getpixel((5, 13))[3] == 255 and im.getpixel((35, 13))[3] == 0
    with Image.open(entry / "150.jpg") as im:
        assert im.mode == "RGB"
        assert close(im.getpixel((30, 50)), (200, 20, 20)) and close(im.getpixel((120, 50)), (255, 255, 255), 4)


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "LA", "I;16"])
def test_other_modes_become_rgb(tmp_path, mode):
    picture = Image.new("RGB", (320, 180), (200, 110, 60)).convert(mode)
    if mode == "P":
        picture.info["transparency"] = 255  # an unused index: still a GIF with transparency
    suffix = {"CMYK": "jpg", "L": "jpg"}.get(mode, "png" if mode in ("LA", "I;16") else "gif")
    source = tmp_path / f"picture.{suffix}"
    picture.save(source)
    meta, entry = render(source, tmp_path)
    assert (meta["width"], meta["height"]) == (320, 180)
    with Image.open(entry / "150.jpg") as im:
        assert im.mode == "RGB" and im.size == (150, 84)
    with Image.open(entry / "150.webp") as im:
        assert im.mode in ("RGB", "RGBA") and im.size == (150, 84)


def test_a_photo_smaller_than_every_width_is_kept_at_its_size(tmp_path):
    source = tmp_path / "small.jpg"
    Image.new("RGB", (30, 20), (10, 120, 200)).save(source)
    meta, entry = render(source, tmp_path)
    assert meta == {"width": 30, "height": 20, "renditions": [[30, 20]], "jpeg": [[30, 20]]}
    assert sorted(p.name for p in entry.iterdir()) == ["30.jpg", "30.webp"]


def test_every_setting_that_changes_the_output_changes_the_cache_key():
    base = ImageSettings()
    changed = [ImageSettings(widths=(480, 960)), ImageSettings(quality=70), ImageSettings(webp_method=2),
               ImageSettings(big="box"), ImageSettings(small="lanczos"), ImageSettings(jpeg="all")]
    keys = {base.fingerprint(), *(s.fingerprint() for s in changed)}
    assert len(keys) == 1 + len(changed)
    assert ImageSettings(workers=4, max_pixels=10).fingerprint() == base.fingerprint()  # these change no output
    assert ImageSettings(widths=(1500, 480, 960, 960)).fingerprint() == base.fingerprint()


def test_every_jpeg_width_on_request(tmp_path):
    source = tmp_path / "all.jpg"
    quadrants((300, 200)).save(source, "JPEG", quality=95)
    meta, entry = render(source, tmp_path, ImageSettings(widths=(40, 80, 150), jpeg="all"))
    assert meta["jpeg"] == meta["renditions"] == [[40, 27], [80, 53], [150, 100]]
    for w in (40, 80, 150):
        with Image.open(entry / f"{w}.jpg") as im:
            assert im.format == "JPEG" and im.width == w


def blurred_unevenness(path: Path) -> float:
    """How uneven a finely striped picture looks from afar: moiré shows up as slow bands that
    survive a blur which evens out the stripes themselves (and the encoder's noise)."""
    with Image.open(path) as im:
        im = im.convert("L")
        middle = im.crop((im.width // 5, im.height // 5, 4 * im.width // 5, 4 * im.height // 5))
        return ImageStat.Stat(middle.filter(ImageFilter.GaussianBlur(im.width / 160))).stddev[0]


@pytest.fixture(scope="module")
def striped(tmp_path_factory) -> Path:
    """A 3000×2000 photo of fine, slightly tilted stripes (blinds, brick courses, railings)."""
    picture = Image.new("RGB", (3000, 2000), (150, 150, 150))
    draw = ImageDraw.Draw(picture)
    for y in range(0, 2000, 7):
        draw.line([(0, y), (3000, y)], fill=(60, 60, 60), width=2)
    picture = picture.rotate(2, resample=Image.Resampling.BICUBIC, fillcolor=(150, 150, 150))
    folder = tmp_path_factory.mktemp("striped")
    for orientation in (1, 6):
        exif = Image.Exif()
        exif[0x0112] = orientation
        picture.save(folder / f"o{orientation}.jpg", "JPEG", quality=95, exif=exif)
    return folder


@pytest.mark.parametrize("orientation", [1, 6], ids=["landscape", "portrait"])
def test_fine_patterns_make_no_moire(striped, tmp_path, orientation):
    meta, entry = render(striped / f"o{orientation}.jpg", tmp_path, ImageSettings())
    widths = [480, 960, 1500] if orientation == 1 else [480, 960, 1000]  # a portrait is 1500 on its long side
    assert [w for w, _ in meta["renditions"]] == widths
    for name in (*(f"{w}.webp" for w in widths), f"{widths[-1]}.jpg"):
        assert blurred_unevenness(entry / name) < 1.6, name
    # the measure does see moiré: box filters make it (shown on the landscape photo)
    meta, entry = render(striped / "o1.jpg", tmp_path / "box", ImageSettings(big="box", small="box"))
    assert max(blurred_unevenness(entry / f"{w}.webp") for w in (960, 480)) > 2


def test_a_scanners_16_bit_greyscale_png_keeps_its_tones(tmp_path):
    """A 16-bit greyscale scan (mode I;16): a grey ramp, dark to light, published as that ramp,
    not as a white picture (a plain conversion clips every value above 255)."""
    ramp = Image.new("I;16", (256, 64))
    ramp.putdata([x * 256 + 128 for y in range(64) for x in range(256)])  # 0–65535 across the page
    source = tmp_path / "saomiao-1987-jiedao.png"
    ramp.save(source)
    with Image.open(source) as check:
        assert check.mode == "I;16"  # what Pillow reads a 16-bit greyscale PNG as
    meta, entry = render(source, tmp_path)
    for rendition in ("150.jpg", "150.webp"):
        with Image.open(entry / rendition) as im:
            grey = im.convert("L")
            left, middle, right = (grey.getpixel((x, grey.height // 2)) for x in (3, 75, 146))
            assert left < 20 and 110 < middle < 145 and right > 235, (rendition, left, middle, right)


def test_a_16_bit_greyscale_png_with_a_narrow_range_is_not_stretched(tmp_path):
    """Scaling is by the bit depth, not by the picture's own range: a dark 16-bit scan stays dark."""
    dark = Image.new("I;16", (160, 90), 12_000)  # about 47 of 255
    source = tmp_path / "anse.png"
    dark.save(source)
    meta, entry = render(source, tmp_path)
    with Image.open(entry / "150.jpg") as im:
        assert close(im.getpixel((75, 40)), (47, 47, 47), 3)
