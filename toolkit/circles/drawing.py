"""The three circles (SKR figur 2/3): insatser placed in seven regions, drawn as SVG or PNG."""

import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageColor, ImageDraw, ImageFont

REGIONS = ("a", "b", "c", "ab", "ac", "bc", "abc")
DEFAULT_ORG_NAMES = ("Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård")
WIDTH, HEIGHT = 1200, 900
# Okabe–Ito hues stay apart under the common colour-vision deficiencies; the dark variants carry
# white badge text at ≥ 4.5:1, and INK keeps ≥ 8:1 even where all three fills overlap.
FILLS = ("#0072B2", "#E69F00", "#009E73")
OUTLINES = ("#005A8C", "#9A6700", "#007558")
FILL_OPACITY, INK = 0.2, "#1A1A1A"
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
TITLE_SIZE, NAME_SIZE, ITEM_MAX, ITEM_FLOOR, SMALLEST = 36, 26, 28, 20, 14
_TOP, _BOTTOM, _SPREAD, _STROKE, _PAD = 84, 28, 1.0, 5, 12
_BADGE_H, _BADGE_MAX_W, _NAME_ANGLES = 44, 420, (-120, -60, 90)
_LEADING, _ITEM_GAP, _MIN_CHORD = 1.2, 0.4, 0.4
# Advance widths in em, rounded up from DejaVu Sans so that no line runs wider than estimated.
_WIDTHS = {
    0.34: "ijlIJ.,:;' /|",
    0.41: "ft-()[]!r",
    0.56: 'szc?L"–',
    0.71: "AVÅÄBRXZCKÉ",
    0.8: "UHNDGOQÖ&w",
    1.0: "mMW%+@—",
}
_CHAR_WIDTH = {c: w for w, chars in _WIDTHS.items() for c in chars}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FONTS = Path(__file__).resolve().parent / "static" / "fonts"
# The vendored DejaVu first, so a machine without system fonts still draws å, ä and ö.
_FONT_FILES = {
    False: (str(_FONTS / "DejaVuSans.ttf"), "LiberationSans-Regular.ttf", "Arial.ttf"),
    True: (str(_FONTS / "DejaVuSans-Bold.ttf"), "LiberationSans-Bold.ttf", "Arial Bold.ttf"),
}

Point = tuple[float, float]


@dataclass(frozen=True)
class Band:
    """Where a region's text may go: the free horizontal span of each pixel row from top down."""

    top: int
    rows: tuple[Point, ...]

    def span(self, y0: float, y1: float) -> Point | None:
        """The horizontal span free across rows y0..y1, or None outside the band."""
        i0, i1 = math.floor(y0) - self.top, math.ceil(y1) - self.top
        if i0 < 0 or i1 > len(self.rows):
            return None
        rows = self.rows[i0:i1]
        return max(x0 for x0, _ in rows), min(x1 for _, x1 in rows)


@dataclass(frozen=True)
class Geometry:
    """Circle centres and radius, name badge centres, and each region's anchor and band."""

    centres: tuple[Point, Point, Point]
    radius: float
    badges: tuple[Point, Point, Point]
    anchors: dict[str, Point]
    bands: dict[str, Band]


@dataclass(frozen=True)
class Block:
    """Lines set in one size and colour, each centred on x with its baseline at y."""

    lines: tuple[tuple[float, float, str], ...]
    size: float
    bold: bool = False
    colour: str = INK


@dataclass(frozen=True)
class Figure:
    """Everything to draw, in viewBox units: title, name badges and the insatser."""

    title: Block
    badges: tuple[tuple[tuple[float, float, float, float], Block], ...]
    items: tuple[Block, ...]


def _segments(region: str, y: float, centres, r: float) -> list[Point]:
    """Row y of a region, kept clear of the outlines, as horizontal segments."""
    lo, hi, cuts = -math.inf, math.inf, []
    for letter, (cx, cy) in zip("abc", centres, strict=True):
        reach = r - _PAD if letter in region else r + _PAD
        half = math.sqrt(max(reach**2 - (y - cy) ** 2, 0))
        if letter in region:
            lo, hi = max(lo, cx - half), min(hi, cx + half)
        elif half:
            cuts.append((cx - half, cx + half))
    segments = [(lo, hi)]
    for c0, c1 in cuts:
        segments = [s for x0, x1 in segments for s in ((x0, min(x1, c0)), (max(x0, c1), x1))]
    return [(x0, x1) for x0, x1 in segments if x0 < x1]


def _clearance(region: str, point: Point, centres, r: float) -> float:
    """How far a point lies inside the region, negative when outside."""
    gaps = [math.dist(point, c) - r for c in centres]
    return min(-g if letter in region else g for letter, g in zip("abc", gaps, strict=True))


def _band(region: str, start: Point, centres, r: float, limits: Point) -> Band:
    """Follow the region up and down from start while it stays wide enough for text."""
    found = {}
    for step in (-1, 1):
        y, track = round(start[1]), start[0]
        while limits[0] <= y <= limits[1] and (segments := _segments(region, y, centres, r)):
            x0, x1 = min(segments, key=lambda s: max(s[0] - track, track - s[1], 0))
            if x1 - x0 < _MIN_CHORD * r:
                break
            found[y], track, y = (x0, x1), (x0 + x1) / 2, y + step
    return Band(min(found), tuple(found[y] for y in range(min(found), max(found) + 1)))


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    """The figure's fixed layout in viewBox units, shared by both renderers."""
    r = (HEIGHT - _TOP - _BOTTOM) / (2 + _SPREAD * math.sqrt(3) / 2)
    d, gx = _SPREAD * r, WIDTH / 2
    gy = _TOP + r + d / (2 * math.sqrt(3))
    upper = gy - d / (2 * math.sqrt(3))
    centres = ((gx - d / 2, upper), (gx + d / 2, upper), (gx, gy + d / math.sqrt(3)))
    badges = tuple(
        (cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a)))
        for (cx, cy), a in zip(centres, _NAME_ANGLES, strict=True)
    )
    below_badge, above_badge = badges[0][1] + _BADGE_H / 2 + 8, badges[2][1] - _BADGE_H / 2 - 8
    limits = {"a": (below_badge, HEIGHT), "b": (below_badge, HEIGHT), "c": (0, above_badge)}
    anchors, bands = {}, {}
    for region in REGIONS:
        members = [centres["abc".index(letter)] for letter in region]
        mx, my = (sum(axis) / len(members) for axis in zip(*members, strict=True))
        norm = math.hypot(mx - gx, my - gy) or 1
        ray = [
            (gx + t * (mx - gx) / norm, gy + t * (my - gy) / norm)
            for t in range(0, round(1.6 * r), 2)
        ]
        start = max(ray, key=lambda p: _clearance(region, p, centres, r))
        band = bands[region] = _band(region, start, centres, r, limits.get(region, (0, HEIGHT)))
        x0, x1 = band.rows[len(band.rows) // 2]
        anchors[region] = ((x0 + x1) / 2, band.top + len(band.rows) // 2)
    return Geometry(centres, r, badges, anchors, bands)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of text set in the figure's font."""
    return sum(_CHAR_WIDTH.get(c, 0.64) for c in text) * size * (1.13 if bold else 1)


def _clean(text: str) -> str:
    return " ".join(_NOT_XML.sub("", str(text)).split())


def _shrink(text: str, width: float, size: int, floor: int) -> tuple[str, int]:
    """Bold text at the largest size down to floor that fits width, cut short if need be."""
    while size > floor and text_width(text, size, True) > width:
        size -= 1
    while len(text) > 1 and text_width(text, size, True) > width:
        text = text[:-2].rstrip() + "…"
    return text, size


def _hyphenate(word: str, width: float, size: float) -> list[str]:
    cut = max([n for n in range(1, len(word)) if text_width(word[:n] + "-", size) <= width] or [1])
    return [word[:cut] + "-", word[cut:]]


def _flow(texts, band: Band, size: int, y: float, squeeze: bool):
    """Set texts top-down from y inside the band, or None when they do not all fit."""
    step, blocks, widest = size * _LEADING, [], max(x1 - x0 for x0, x1 in band.rows)
    for text, bold in texts:
        lines, words = [], text.split()
        while words:
            if (span := band.span(y, y + step)) is None:
                return None
            x0, x1 = span
            fits = [
                n
                for n in range(1, len(words) + 1)
                if text_width(" ".join(words[:n]), size, bold) <= x1 - x0
            ]
            if fits:
                lines.append(((x0 + x1) / 2, y + 0.95 * size, " ".join(words[: fits[-1]])))
                words, y = words[fits[-1] :], y + step
            elif squeeze and len(words[0]) > 2 and x1 - x0 >= 0.6 * widest:
                words[:1] = _hyphenate(words[0], x1 - x0, size)
            elif squeeze or not (lines or blocks):
                y += step / 2
            else:
                return None
        blocks.append(Block(tuple(lines), size, bold))
        y += _ITEM_GAP * step
    return blocks, y - _ITEM_GAP * step


def _centred(texts, band: Band, size: int, squeeze: bool) -> list[Block] | None:
    """Flow texts and move them down to the middle of the band when they still fit there."""
    if (placed := _flow(texts, band, size, band.top, squeeze)) is None:
        return None
    slack = band.top + len(band.rows) - placed[1]
    for shift in (slack / 2, slack / 4):
        if moved := _flow(texts, band, size, band.top + shift, squeeze):
            return moved[0]
    return placed[0]


def _fit(items: list[str], band: Band) -> list[Block]:
    """The largest size at which all items fit, else the floor size and a '+N till' line."""
    texts = [(item, False) for item in items]
    for size in range(ITEM_MAX, ITEM_FLOOR - 1, -1):
        if placed := _centred(texts, band, size, squeeze=size == ITEM_FLOOR):
            return placed
    for shown in range(len(items) - 1, -1, -1):
        more = (f"+{len(items) - shown} till", True)
        if placed := _centred(texts[:shown] + [more], band, ITEM_FLOOR, squeeze=True):
            return placed
    return []


def _checked(org_names, regions) -> tuple[list[str], dict[str, list[str]]]:
    if len(org_names) != 3:
        raise ValueError("the three circles need exactly three organisations")
    if unknown := set(regions) - set(REGIONS):
        raise ValueError(f"unknown regions: {', '.join(sorted(unknown))}")
    items = {region: [t for t in map(_clean, regions.get(region, ())) if t] for region in REGIONS}
    return [_clean(name) for name in org_names], items


def layout(org_names: list[str], regions: dict[str, list[str]], title: str) -> Figure:
    """Place the title, the organisation names and every region's insatser."""
    names, items = _checked(org_names, regions)
    geo = geometry()
    text, size = _shrink(_clean(title), WIDTH - 60, TITLE_SIZE, 22)
    heading = Block(((WIDTH / 2, 54, text),), size, bold=True)
    badges = []
    for name, (bx, by) in zip(names, geo.badges, strict=True):
        text, size = _shrink(name, _BADGE_MAX_W - 32, NAME_SIZE, SMALLEST)
        half = text_width(text, size, True) / 2 + 16
        box = (bx - half, by - _BADGE_H / 2, bx + half, by + _BADGE_H / 2)
        badges.append((box, Block(((bx, by + 0.36 * size, text),), size, True, "#FFFFFF")))
    placed = (block for region in REGIONS for block in _fit(items[region], geo.bands[region]))
    return Figure(heading, tuple(badges), tuple(placed))


def region_label(region: str, org_names: list[str]) -> str:
    """The Swedish label of a region: the organisations sharing it, or 'Alla tre'."""
    if region not in REGIONS:
        raise ValueError(f"unknown region: {region}")
    return "Alla tre" if region == "abc" else " + ".join(org_names["abc".index(c)] for c in region)


def region_table(
    org_names: list[str], regions: dict[str, list[str]]
) -> list[tuple[str, list[str]]]:
    """Rows of (region label, insatser) in the fixed region order."""
    names, items = _checked(org_names, regions)
    return [(region_label(region, names), items[region]) for region in REGIONS]


def alt_text(org_names: list[str], regions: dict[str, list[str]]) -> str:
    """A Swedish summary: the organisations and how many insatser each region holds."""
    names, _ = _checked(org_names, regions)
    counts = [
        f"{label}: {len(texts) or 'inga'} {'insats' if len(texts) == 1 else 'insatser'}"
        for label, texts in region_table(names, regions)
    ]
    return (
        f"Tre överlappande cirklar för {names[0]}, {names[1]} och {names[2]}. "
        f"Insatser per område – {'; '.join(counts)}."
    )


def render_svg(org_names: list[str], regions: dict[str, list[str]], *, title: str) -> str:
    """The figure as an accessible SVG with a fixed viewBox."""
    figure, summary = layout(org_names, regions, title), alt_text(org_names, regions)
    uid = f"cirklar-{zlib.crc32((title + summary).encode()):08x}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'xml:lang="sv" font-family="{FONT_FAMILY}">',
        f'<title id="{uid}-t">{escape(_clean(title))}</title>',
        f'<desc id="{uid}-d">{escape(summary)}</desc>',
        '<rect width="100%" height="100%" fill="#FFFFFF"/>',
    ]
    r = geometry().radius
    circles = [f'cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"' for cx, cy in geometry().centres]
    out += [
        f'<circle {circle} fill="{fill}" fill-opacity="{FILL_OPACITY}"/>'
        for circle, fill in zip(circles, FILLS, strict=True)
    ]
    out += [
        f'<circle {circle} fill="none" stroke="{stroke}" stroke-width="{_STROKE}"/>'
        for circle, stroke in zip(circles, OUTLINES, strict=True)
    ]
    for ((x0, y0, x1, y1), _), colour in zip(figure.badges, OUTLINES, strict=True):
        out.append(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" '
            f'height="{y1 - y0:.1f}" rx="{_BADGE_H / 2}" fill="{colour}"/>'
        )
    for block in (figure.title, *(b for _, b in figure.badges), *figure.items):
        weight = ' font-weight="bold"' if block.bold else ""
        spans = "".join(
            f'<tspan x="{x:.1f}" y="{y:.1f}">{escape(text)}</tspan>' for x, y, text in block.lines
        )
        out.append(
            f'<text font-size="{block.size}"{weight} text-anchor="middle" '
            f'fill="{block.colour}">{spans}</text>'
        )
    return "\n".join(out + ["</svg>\n"])


def _glyphs(font, text: str) -> bytes:
    image = Image.new("L", (int(font.size) * (len(text) + 1), int(font.size) * 2))
    ImageDraw.Draw(image).text((2, 2), text, font=font, fill=255)
    return image.tobytes()


@lru_cache(maxsize=64)
def load_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A TrueType font at size that draws å, ä and ö as real letters when one can be found."""
    default = ImageFont.load_default(size=size)
    candidates = [] if bold else [default]
    for name in _FONT_FILES[bold] + _FONT_FILES[False]:
        try:
            candidates.append(ImageFont.truetype(name, size))
            break
        except OSError:
            continue
    # Pillow's bundled font draws å, ä and ö as the same empty box; distinct glyphs are letters.
    return next((f for f in candidates if len({_glyphs(f, c) for c in "åäö"}) == 3), default)


def render_png(
    org_names: list[str], regions: dict[str, list[str]], *, title: str, width: int = 1600
) -> bytes:
    """The figure as a PNG drawn with Pillow, sized for a projector."""
    figure, geo = layout(org_names, regions, title), geometry()
    scale, fine, height = width / WIDTH, 2 * width / WIDTH, round(HEIGHT * width / WIDTH)
    # Shapes are drawn at twice the size and scaled down, since Pillow does not antialias them.
    canvas = Image.new("RGB", (2 * width, 2 * height), "#FFFFFF")
    boxes = [
        [
            (cx - geo.radius) * fine,
            (cy - geo.radius) * fine,
            (cx + geo.radius) * fine,
            (cy + geo.radius) * fine,
        ]
        for cx, cy in geo.centres
    ]
    for box, fill in zip(boxes, FILLS, strict=True):
        mask = Image.new("L", canvas.size)
        ImageDraw.Draw(mask).ellipse(box, fill=round(255 * FILL_OPACITY))
        canvas.paste(ImageColor.getrgb(fill), mask=mask)
    draw = ImageDraw.Draw(canvas)
    for box, colour in zip(boxes, OUTLINES, strict=True):
        draw.ellipse(box, outline=colour, width=round(_STROKE * fine))
    for (box, _), colour in zip(figure.badges, OUTLINES, strict=True):
        draw.rounded_rectangle([v * fine for v in box], radius=_BADGE_H / 2 * fine, fill=colour)
    canvas = canvas.resize((width, height), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(canvas)
    for block in (figure.title, *(b for _, b in figure.badges), *figure.items):
        font = load_font(round(block.size * scale), block.bold)
        for x, y, text in block.lines:
            draw.text((x * scale, y * scale), text, font=font, fill=block.colour, anchor="ms")
    out = BytesIO()
    canvas.save(out, "PNG")
    return out.getvalue()
