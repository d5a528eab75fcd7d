"""The start-up before Workshop 1, kept per process: dialogue answers, ticks and notes."""

from sqlmodel import Session, select

from toolkit.content import Content
from toolkit.db import begin_write
from toolkit.errors import Rejected
from toolkit.models import ANSWER_MAX_LENGTH, Process, StartUpItem, utcnow
from toolkit.texts import privacy


def items_of(session: Session, process: Process) -> dict[str, StartUpItem]:
    """The process's saved start-up lines, by item key."""
    query = select(StartUpItem).where(StartUpItem.process_id == process.id)
    return {item.item_key: item for item in session.exec(query)}


def save(
    session: Session, content: Content, process: Process, ticked: set[str], texts: dict[str, str]
) -> None:
    """Keep every start-up line's tick and text at once; none is kept if one is refused."""
    start_up = content.guide.start_up
    cleaned = {}
    for part in start_up.parts:
        for item in part.items:
            text = texts.get(item.key, "").replace("\r\n", "\n").strip()
            if len(text) > ANSWER_MAX_LENGTH:
                raise Rejected(
                    f"Texten vid ”{item.text[:60]}” har {len(text)} tecken; högst "
                    f"{ANSWER_MAX_LENGTH} får plats. Korta texten – det du skrev finns kvar."
                )
            if privacy.contains_personnummer(text):
                raise Rejected(privacy.REFUSAL)
            cleaned[item.key] = text
    begin_write(session)
    saved = items_of(session, process)
    for key, text in cleaned.items():
        item = saved.get(key) or StartUpItem(process_id=process.id, item_key=key)
        if item.id is None and not text and key not in ticked:
            continue  # an untouched line needs no row
        item.done, item.text, item.updated_at = key in ticked, text, utcnow()
        session.add(item)
    session.commit()


def material(session: Session, content: Content, process: Process) -> list[tuple[str, list[str]]]:
    """What the start-up gives the documents: (heading, lines) per part, only what was kept."""
    saved = items_of(session, process)
    found = []
    for part in content.guide.start_up.parts:
        lines = []
        for item in part.items:
            kept = saved.get(item.key)
            if kept is None or not (kept.done or kept.text):
                continue
            if kept.text and part is not content.guide.start_up.questions:
                lines.append(f"{item.text}{'' if kept.done else ' (ej klart)'}: {kept.text}")
            elif kept.text:
                lines.append(f"{item.text} {kept.text}")
            else:
                lines.append(item.text)
        if lines:
            found.append((part.title, lines))
    return found
