"""Every text the database stores passes one guard: length, control characters, personnummer.

`db.py` runs it before each flush on every text column of new and changed rows, and the restore
runs it on each text it reads from a file, so a new table or field is checked without code here.
"""

from sqlalchemy import Column, inspect
from sqlmodel import Session

from toolkit.errors import Rejected
from toolkit.models import SECTION_MAX_LENGTH
from toolkit.texts import privacy
from toolkit.texts.markup import without_control_characters

# What the person typing calls the field, for the messages; any other field is "Texten".
LABELS = {
    ("user", "username"): "Användarnamnet",
    ("user", "name"): "Namnet",
    ("process", "name"): "Processens namn",
    ("process", "municipality"): "Kommunen",
    ("organisation", "name"): "Organisationens namn",
    ("rolemember", "name"): "Namnet",
    ("rolemember", "organisation"): "Organisationen",
    ("participant", "display_name"): "Namnet",
    ("answer", "text"): "Svaret",
    ("casepathstep", "text"): "Steget",
    ("casepathstep", "actor"): "”Vem”",
    ("surveyresponse", "text"): "Svaret",
    ("localvignette", "title"): "Vinjettens rubrik",
    ("localvignette", "name"): "Vinjettens förnamn",
    ("localvignette", "text"): "Vinjettens text",
    ("vignetteanswer", "text"): "Svaret",
    ("insats", "text"): "Insatsen",
    ("insatschange", "old_text"): "Insatsen",
    ("documentsection", "text"): "Avsnittets text",
    ("actionplanversion", "note"): "Kommentaren",
    ("goal", "text"): "Målet",
    ("goal", "follow_up"): "Uppföljningen",
    ("activity", "name"): "Aktiviteten",
    ("activity", "responsible"): "Ansvarig",
    ("modelpart", "who"): "Texten om vilka",
    ("modelpart", "what"): "Beskrivningen",
    ("modelpart", "title"): "Forumets namn",
    ("budgetline", "description"): "Beskrivningen",
    ("wordtemplate", "filename"): "Filnamnet",
    ("sectioncomment", "text"): "Kommentaren",
}
# Text columns (no length in the schema) and how much they hold.
TEXT_LIMITS = {
    ("documentsection", "text"): SECTION_MAX_LENGTH,
    ("documentsection", "sources"): SECTION_MAX_LENGTH,
}
TEXT_LIMIT = 1_000_000  # any other Text column, e.g. a saved version of the handlingsplan
# Never shown as anyone's text, so not checked for personnummer: random codes, hashes and the
# sends' idempotency keys the app and the browser make (a run of digits in one is chance), and
# what a failed attempt typed, kept to count attempts (refusing that record would let a guess
# through uncounted).
MACHINE_KEPT = {
    ("user", "password_hash"),
    ("process", "join_code"),
    ("survey", "token"),
    ("surveyresponse", "response"),
    ("joinattempt", "client"),
    ("jointurn", "key"),
    ("loginfailure", "username"),
    ("loginfailure", "client"),
    ("invitation", "token_hash"),
    ("passwordlink", "token_hash"),
    ("answer", "idempotency_key"),
    ("casepathstep", "idempotency_key"),
    ("vignetteanswer", "idempotency_key"),
}


def python_type(column: Column) -> type | None:
    """What the column holds in Python, through wrapper types (AutoString, UTCDateTime); None
    for a type SQLAlchemy gives no Python type (it raises NotImplementedError for those)."""
    column_type = getattr(column.type, "impl_instance", column.type)
    try:
        return column_type.python_type
    except NotImplementedError:
        return None


def holds_text(column: Column) -> bool:
    """True for a column that stores text."""
    return python_type(column) is str


def label(column: Column) -> str:
    """The field's name in the messages."""
    return LABELS.get((column.table.name, column.name), "Texten")


def limit(column: Column) -> int:
    """How many characters the column holds."""
    key = (column.table.name, column.name)
    return getattr(column.type, "length", None) or TEXT_LIMITS.get(key, TEXT_LIMIT)


def guarded(column: Column, value: str) -> tuple[str, str | None]:
    """The text as it may be stored, with a warning to show if any; Rejected if it may not be."""
    value = without_control_characters(value)
    field, most = label(column), limit(column)
    if len(value) > most:
        raise Rejected(
            f"{field} har {len(value)} tecken; högst {most} tecken får plats. "
            "Korta ned texten – den finns kvar."
        )
    if (column.table.name, column.name) in MACHINE_KEPT:
        return value, None
    if privacy.contains_personnummer(value):
        raise Rejected(privacy.refusal(field))
    return value, privacy.caution(field) if privacy.resembles_personnummer(value) else None


def note_warning(session: Session, warning: str | None) -> None:
    """Keep a warning for the person whose text the session stores."""
    if warning and warning not in session.info.setdefault("text_warnings", []):
        session.info["text_warnings"].append(warning)


def take_warnings(session: Session) -> list[str]:
    """The warnings about the texts stored since the last time they were taken."""
    return session.info.pop("text_warnings", [])


def guard_session(session: Session) -> None:
    """Clean or refuse the texts of every new and changed row before they are written."""
    warnings = []
    try:
        for row in [*session.new, *session.dirty]:
            warnings.extend(_guard_row(row))
    except Rejected:
        # Nothing of this unit of work may reach the database, not even by a later autoflush
        # while the page with the message is drawn.
        for row in list(session.new):
            session.expunge(row)
        for row in list(session.dirty):
            session.expire(row)
        raise
    for warning in warnings:
        note_warning(session, warning)


def _guard_row(row) -> list[str]:
    state = inspect(row)
    warnings = []
    for prop in state.mapper.column_attrs:
        column = prop.columns[0]
        value = state.dict.get(prop.key)
        if not isinstance(value, str) or not holds_text(column):
            continue
        if state.persistent and not state.attrs[prop.key].history.has_changes():
            continue  # unchanged: written before, by the rules of its time
        cleaned, warning = guarded(column, value)
        if cleaned != value:
            setattr(row, prop.key, cleaned)
        if warning:
            warnings.append(warning)
    return warnings
