"""The tidplan drawn as a timeline picture for Word: one bar per activity across the months."""

import datetime as dt
import math
from io import BytesIO

from PIL import Image, ImageDraw

from toolkit.circles.drawing import load_font
from toolkit.documents.formats.model import one_line
from toolkit.models import Activity

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_MONTHS = 60
WIDTH, LABEL_WIDTH, ROW, TOP, PAD = 1600, 520, 44, 64, 16
INK, GRID, BARS = (
    "#1A1A1A",
    "#C8CDD3",
    {"klar": "#1B5E20", "pagar": "#1D4F91", "planerad": "#5C86C2"},
)


def month_index(first: dt.date, day: dt.date) -> int:
    """How many whole months `day` lies after the month of `first`."""
    return (day.year - first.year) * 12 + day.month - first.month


def month_labels(first: dt.date, count: int) -> list[str]:
    """Short Swedish month names with two-digit years: "jan 26"."""
    labels = []
    for offset in range(count):
        year, month = divmod(first.month - 1 + offset, 12)
        labels.append(f"{MONTHS[month]} {str(first.year + year)[2:]}")
    return labels


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def render_png(activities: list[Activity]) -> bytes:
    """The activities as horizontal bars by month, so parallel activities show side by side."""
    first = min(a.start for a in activities).replace(day=1)
    count = min(month_index(first, max(a.end for a in activities)) + 1, MAX_MONTHS)
    height = TOP + ROW * len(activities) + PAD
    image = Image.new("RGB", (WIDTH, height), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    font, small = load_font(24), load_font(18)
    column = (WIDTH - LABEL_WIDTH - PAD) / count
    for index, label in enumerate(month_labels(first, count)):
        x = LABEL_WIDTH + index * column
        draw.line([(x, TOP - 8), (x, height - PAD)], fill=GRID, width=1)
        # Labels need about 70 px; on long plans only every second or third month gets one.
        if index % math.ceil(70 / column) == 0:
            draw.text((x + 4, TOP - 34), label, font=small, fill=INK)
    for row, activity in enumerate(activities):
        y = TOP + row * ROW
        draw.text(
            (PAD, y + 8),
            _fit(draw, one_line(activity.name), font, LABEL_WIDTH - 2 * PAD),
            font=font,
            fill=INK,
        )
        start = min(month_index(first, activity.start), count - 1)
        end = min(month_index(first, activity.end), count - 1)
        x0 = LABEL_WIDTH + (start + (activity.start.day - 1) / 31) * column
        x1 = LABEL_WIDTH + (end + activity.end.day / 31) * column
        draw.rounded_rectangle(
            [x0, y + 8, max(x1, x0 + 6), y + ROW - 8],
            radius=6,
            fill=BARS.get(activity.status, BARS["planerad"]),
        )
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def alt_text(activities: list[Activity]) -> str:
    """A Swedish summary of the timeline; the table beside it holds every detail."""
    start = min(a.start for a in activities)
    end = max(a.end for a in activities)
    overlapping = sum(
        1
        for a in activities
        for b in activities
        if a.id != b.id
        and a.start <= b.end
        and b.start <= a.end
        and (a.start, a.id or 0) < (b.start, b.id or 0)
    )
    return (
        f"Tidslinje över {len(activities)} aktiviteter från {start.isoformat()} till "
        f"{end.isoformat()}; {overlapping} par av aktiviteter pågår samtidigt. "
        "Tabellen Tidplan visar samma aktiviteter med datum, ansvarig och status."
    )
