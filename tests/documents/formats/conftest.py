"""A realistic beslutsunderlag for Ragunda Trampolinen, shared by the export tests."""

import datetime as dt
from io import BytesIO

import pytest
from PIL import Image, ImageDraw

from toolkit.documents.formats.model import DocumentSpec, ImageSpec, Section, TableSpec

CIRCLES_ALT = (
    "Tre överlappande cirklar: elevhälsa, socialtjänst och hälso- och sjukvård, "
    "med gemensamma insatser där cirklarna möts."
)

BACKGROUND = """\
I samverkan mellan **IFO och skolan** har vi sett att ett *gemensamt arbete* ger ett
mer effektivt stöd till vissa barn och familjer.

Det har inneburit att skolan arbetat med eleven i ett spår och IFO med familjen i ett annat.
"""

GOALS = """\
Vi har delat upp målsättningen i:

- **Effektmål** – långsiktiga effekter som utvärderas från år 4.
- Kortsiktiga mål – utvärderas *årligen*.
"""

IMPACT_GOALS = """\
1. Deltagarna har behörighet till nationellt gymnasieprogram.
2. Barn som deltar placeras inte utom hemmet.

Kortsiktiga mål:

1. Två familjer är aktiva under projekttiden.
2. Ett informationsmöte i grundskolan under hösten.
"""

EFFORTS = """\
Insatserna ges i skolan och i hemmet.

| Organisation | Insats |
|---|---|
| Elevhälsa | Skolsocionom i skolan |
| Socialtjänst | Behandlingsassistent i hemmet |
"""

FOLLOW_UP = """\
Uppföljning sker efter tre månader. <script>alert("hej")</script>

<b onclick="alert(1)">Inte fet</b>
"""


def circles_png() -> bytes:
    """A small drawing of the three circles, made here so the tests need no files."""
    image = Image.new("RGB", (360, 240), "white")
    draw = ImageDraw.Draw(image)
    for box, colour in (
        ((40, 20, 220, 200), "#c0392b"),
        ((140, 20, 320, 200), "#2471a3"),
        ((90, 60, 270, 238), "#229954"),
    ):
        draw.ellipse(box, outline=colour, width=4)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def decision_basis() -> DocumentSpec:
    """A beslutsunderlag with text, lists, a table, a picture and an empty section."""
    organisation = TableSpec(
        caption="Organisation för Ragunda Trampolinen",
        header=["Forum", "Vem", "Hur ofta"],
        rows=[
            ["Styrgrupp", "Verksamhetschef elevhälsan, biträdande IFO-chef", "En gång per månad"],
            ["Arbetsgrupp", "Skolsocionom, behandlingsassistent", "Varje vecka"],
            ["Beslutsforum", "Styrgrupp, rektor, socialsekreterare", "Vid behov"],
        ],
    )
    return DocumentSpec(
        title="Beslutsunderlag",
        process_name="Ragunda Trampolinen",
        municipality="Ragunda kommun",
        document_name="Beslutsunderlag – förstärkt samverkan kring tidiga insatser",
        version="0.3",
        date=dt.date(2024, 5, 14),
        author="Karin Ek",
        sections=[
            Section("Bakgrund", 1, BACKGROUND, source_note="Källa: Projektbeskrivning, Ragunda."),
            Section("Målbeskrivning", 1, GOALS),
            Section("Effektmål och kortsiktiga mål", 2, IMPACT_GOALS),
            Section("Styrning och ledning", 1, "Organisationen i tre forum:", [organisation]),
            Section("Resurser", 1),
            Section(
                "Insatser",
                1,
                EFFORTS,
                images=[ImageSpec(circles_png(), CIRCLES_ALT, "De tre cirklarna", 9.0)],
            ),
            Section("Uppföljning och utvärdering", 1, FOLLOW_UP),
        ],
    )
