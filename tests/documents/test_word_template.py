"""Uploading a Word template: bounded by what it unpacks to, refused unless a document builds."""

import zipfile
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from tests.helpers.web import page, texts
from toolkit.documents import word_template
from toolkit.models import Process


def docs(room, rest=""):
    return f"/processer/{room.process_id}/dokument{rest}"


def ragunda_template() -> bytes:
    """A good template: python-docx's own, with the municipality in the header."""
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Ragunda kommun"
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def with_extra_parts(docx: bytes, parts: dict[str, int]) -> bytes:
    """The .docx with more zip entries, each of that many zero bytes (which pack tiny)."""
    buffer = BytesIO(docx)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, size in parts.items():
            with archive.open(name, "w", force_zip64=size > 2**31) as entry:
                chunk = bytes(1_000_000)
                for _ in range(size // len(chunk)):
                    entry.write(chunk)
                entry.write(bytes(size % len(chunk)))
    return buffer.getvalue()


def upload(leader, room, content: bytes, name="mall.docx"):
    return leader.post(docs(room, "/mall"), data={"template": (BytesIO(content), name)})


@pytest.fixture
def kept(leader, room, db):
    """Ragunda's template is uploaded first; return a way to read which template is kept."""
    assert upload(leader, room, ragunda_template(), "ragunda.docx").status_code == 302

    def filename():
        db.expire_all()
        return word_template.template_of(db, db.get(Process, room.process_id)).filename

    return filename


def refusal(response) -> str:
    assert response.status_code == 422
    return texts(page(response), "[role=alert]")[0]


def exports_with_ragunda_header(leader, room) -> bool:
    response = leader.get(docs(room, "/beslutsunderlag/ladda-ner.docx"))
    assert response.status_code == 200
    return Document(BytesIO(response.data)).sections[0].header.paragraphs[0].text == (
        "Ragunda kommun"
    )


def test_a_zip_bomb_is_refused_by_its_unpacked_size(leader, room, kept):
    bomb = with_extra_parts(ragunda_template(), {"word/media/bomb.bin": 200_000_000})
    assert len(bomb) < word_template.TEMPLATE_MAX_BYTES  # the packed size alone lets it through
    message = refusal(upload(leader, room, bomb, "bomb.docx"))
    assert "större än 25 MB när den packas upp" in message
    assert kept() == "ragunda.docx"
    assert exports_with_ragunda_header(leader, room)


def test_a_template_of_too_many_parts_is_refused(leader, room, kept):
    many = with_extra_parts(ragunda_template(), {f"customXml/del{i}.xml": 0 for i in range(400)})
    message = refusal(upload(leader, room, many))
    assert f"fler än {word_template.TEMPLATE_MAX_ENTRIES} delar" in message
    assert kept() == "ragunda.docx"


def test_a_part_that_holds_more_than_it_declares_is_refused(leader, room, kept):
    original = zipfile.ZipFile(BytesIO(ragunda_template()))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                archive.writestr(item.filename, data + bytes(50_000_000))
                archive.filelist[-1].file_size = len(data)  # the directory hides the 50 MB
            else:
                archive.writestr(item, data)
    # Opening never unpacks more than a part declares: this one fails its checksum instead.
    message = refusal(upload(leader, room, buffer.getvalue()))
    assert "gick inte att öppna som ett Word-dokument" in message
    assert kept() == "ragunda.docx"


def test_a_template_that_cannot_build_a_document_is_refused_at_upload(leader, room, kept):
    template = Document()
    properties = template.sections[0]._sectPr
    for element in properties.findall(qn("w:pgSz")) + properties.findall(qn("w:pgMar")):
        properties.remove(element)  # no page size or margins: tables and pictures cannot fit
    buffer = BytesIO()
    template.save(buffer)
    message = refusal(upload(leader, room, buffer.getvalue(), "utan-sidstorlek.docx"))
    assert message.startswith("Det gick inte att skapa ett Word-dokument med mallen")
    assert "sidstorlek och marginaler" in message
    assert kept() == "ragunda.docx"
    assert exports_with_ragunda_header(leader, room)


def test_a_real_template_with_a_picture_is_accepted(leader, room, db):
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Ragunda kommun"
    logo = BytesIO()
    Image.new("RGB", (600, 200), "navy").save(logo, format="PNG")
    template.sections[0].header.paragraphs[0].add_run().add_picture(logo)
    buffer = BytesIO()
    template.save(buffer)
    assert upload(leader, room, buffer.getvalue(), "med-logga.docx").status_code == 302
    assert exports_with_ragunda_header(leader, room)
