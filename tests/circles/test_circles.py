"""Tests for the three circles figure: SVG, PNG, region table and alt text."""

import math
import re
from io import BytesIO
from xml.etree import ElementTree

import pytest
from PIL import Image, ImageDraw

from toolkit.circles import drawing

SVG = "{http://www.w3.org/2000/svg}"
NAMES = list(drawing.DEFAULT_ORG_NAMES)
FILLED = {
    "a": ["Extra anpassningar", "Kuratorssamtal"],
    "b": ["Föräldrastödsprogram", "Familjebehandling"],
    "c": ["Samtalsstöd", "<script>alert('å')</script> & co"],
    "ab": ["Gemensam konsultation"],
    "ac": ["Psykoedukation"],
    "bc": ["SIP"],
    "abc": ["Trampolinen – behandlande skola"],
}


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def texts(root: ElementTree.Element) -> list[str]:
    """The visible strings of the figure, one per <text> element."""
    return [" ".join(t.strip() for t in el.itertext()) for el in root.iter(f"{SVG}text")]


def png(regions: dict[str, list[str]], width: int = 1600) -> Image.Image:
    return Image.open(BytesIO(drawing.render_png(NAMES, regions, title="Cirklarna", width=width)))


def test_svg_is_accessible_xml():
    root = parse(drawing.render_svg(NAMES, FILLED, title="Ragunda – tre cirklar"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {drawing.WIDTH} {drawing.HEIGHT}"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Ragunda – tre cirklar"
    assert "Skola/elevhälsa: 2 insatser" in desc.text
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


def test_svg_writes_organisation_names_on_the_circles():
    shown = texts(parse(drawing.render_svg(NAMES, {}, title="")))
    for name in NAMES:
        assert name in shown


def test_svg_escapes_user_text():
    svg = drawing.render_svg(
        ["<b>Skola</b>", "Socialtjänst", "Hälso- och sjukvård"], FILLED, title="Titel & <i>mer</i>"
    )
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    shown = texts(parse(svg))
    assert "<script>alert('å')</script> & co" in shown
    assert "<b>Skola</b>" in shown


def test_svg_drops_characters_xml_cannot_hold():
    root = parse(drawing.render_svg(NAMES, {"a": ["Trygg\x00het\x1b"]}, title="\x07Titel"))
    assert "Trygghet" in texts(root)


def test_many_items_end_in_a_more_line():
    items = [f"Insats {n}" for n in range(1, 41)]
    shown = texts(parse(drawing.render_svg(NAMES, {"a": items}, title="")))
    more = [t for t in shown if re.fullmatch(r"\+\d+ till", t)]
    assert len(more) == 1
    listed = [t for t in shown if re.fullmatch(r"Insats \d+", t)]
    assert listed == items[: len(listed)]
    assert len(listed) + int(more[0][1:].split()[0]) == len(items)


def test_font_shrinks_with_many_items_down_to_the_floor():
    few = drawing.layout(NAMES, {"a": ["Samtalsstöd"]}, "").items
    some = drawing.layout(NAMES, {"a": [f"Insats {n}" for n in range(8)]}, "").items
    many = drawing.layout(NAMES, {"a": [f"Insats {n}" for n in range(40)]}, "").items
    assert few[0].size == drawing.ITEM_MAX
    assert drawing.ITEM_FLOOR <= some[0].size < drawing.ITEM_MAX
    assert {block.size for block in many} == {drawing.ITEM_FLOOR}


def inside(region: str, x: float, y: float) -> bool:
    geo = drawing.geometry()
    within = [math.dist((x, y), c) < geo.radius for c in geo.centres]
    return all(w == (letter in region) for letter, w in zip("abc", within, strict=True))


@pytest.mark.parametrize("region", drawing.REGIONS)
def test_text_stays_inside_its_region(region):
    items = ["Gemensam konsultation", "Föräldrastödsprogram", "Samtalsstöd"] * 6
    blocks = drawing.layout(NAMES, {region: items}, "").items
    assert blocks
    for block in blocks:
        for x, y, text in block.lines:
            half = drawing.text_width(text, block.size, block.bold) / 2
            for px in (x - half, x + half):
                assert inside(region, px, y) and inside(region, px, y - 0.75 * block.size), text


def test_png_is_an_image_of_the_expected_size():
    assert png(FILLED).size == (1600, 1200)
    assert png(FILLED, width=800).size == (800, 600)


def dark_pixels(image: Image.Image, region: str, scale: float) -> int:
    x, y = drawing.geometry().anchors[region]
    box = [round(v * scale) for v in (x - 60, y - 30, x + 60, y + 30)]
    return sum(1 for value in image.convert("L").crop(box).tobytes() if value < 90)


def test_png_has_text_in_every_region_with_insatser():
    image = png(FILLED)
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 3
    for region in drawing.REGIONS:
        assert dark_pixels(image, region, 1600 / drawing.WIDTH) > 20, region


def test_png_leaves_empty_regions_free_of_text():
    image = png({"abc": ["Gemensamt beslutsforum"]})
    assert dark_pixels(image, "abc", 1600 / drawing.WIDTH) > 20
    for region in ("a", "b", "c", "ab", "ac", "bc"):
        assert dark_pixels(image, region, 1600 / drawing.WIDTH) == 0, region


def glyphs(text: str) -> bytes:
    image = Image.new("L", (200, 80))
    ImageDraw.Draw(image).text((10, 10), text, font=drawing.load_font(40), fill=255)
    return image.tobytes()


def test_swedish_letters_render_as_real_glyphs():
    assert glyphs("åäö") != glyphs("")
    assert len({glyphs(letter) for letter in "åäöÅÄÖ"}) == 6
    assert glyphs("å") != glyphs("a")


def test_region_table_has_seven_rows_in_order():
    regions = {"abc": ["  Gemensamt   beslutsforum "], "a": ["", "Läxhjälp"]}
    rows = drawing.region_table(NAMES, regions)
    assert [label for label, _ in rows] == [
        "Skola/elevhälsa",
        "Socialtjänst",
        "Hälso- och sjukvård",
        "Skola/elevhälsa + Socialtjänst",
        "Skola/elevhälsa + Hälso- och sjukvård",
        "Socialtjänst + Hälso- och sjukvård",
        "Alla tre",
    ]
    assert rows[0][1] == ["Läxhjälp"] and rows[6][1] == ["Gemensamt beslutsforum"]
    assert all(items == [] for _, items in rows[1:6])


def test_alt_text_counts_insatser_per_region_in_swedish():
    text = drawing.alt_text(NAMES, {"a": ["x", "y"], "ab": ["z"]})
    assert text.startswith("Tre överlappande cirklar för Skola/elevhälsa, Socialtjänst och Hälso-")
    assert "Skola/elevhälsa: 2 insatser" in text
    assert "Skola/elevhälsa + Socialtjänst: 1 insats;" in text
    assert "Alla tre: inga insatser" in text


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        drawing.render_svg(NAMES, {"abcd": ["x"]}, title="")
    with pytest.raises(ValueError):
        drawing.render_svg(NAMES[:2], {}, title="")
    with pytest.raises(ValueError):
        drawing.region_label("d", NAMES)
