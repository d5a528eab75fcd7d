"""Comments on a document's sections, from anyone on the process's team."""

from collections import defaultdict

from sqlmodel import Session, select

from toolkit.errors import Rejected
from toolkit.models import Process, SectionComment, User
from toolkit.texts.markup import printable


def add_comment(
    session: Session, process: Process, document: str, section_key: str, author: User, text: str
) -> SectionComment:
    """Leave a comment on a section."""
    text = printable(text).strip()
    if not text:
        raise Rejected("Skriv en kommentar först.")
    comment = SectionComment(
        process_id=process.id,
        document=document,
        section_key=section_key,
        author_id=author.id,
        author_name=author.name or author.username,
        text=text,
    )
    session.add(comment)
    session.commit()
    return comment


def comments_of(session: Session, process: Process, document: str) -> dict[str, list]:
    """The document's comments per section key, oldest first."""
    query = select(SectionComment).where(
        SectionComment.process_id == process.id, SectionComment.document == document
    )
    by_section = defaultdict(list)
    for comment in session.exec(query.order_by(SectionComment.id)):
        by_section[comment.section_key].append(comment)
    return dict(by_section)


def delete_comment(session: Session, process: Process, comment_id: int) -> None:
    """Remove a comment (a leader, once it is dealt with)."""
    comment = session.get(SectionComment, comment_id)
    if comment and comment.process_id == process.id:
        session.delete(comment)
        session.commit()
