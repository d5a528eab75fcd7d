"""What a leader's change to a row says in plain Swedish, after the leader's name.

One describer per table of a process; `NOT_LEADER_CHANGES` names the tables whose rows only
participants, the app or the team's own acceptance write. `tests/processes/test_activity.py`
fails when a process's table is in neither.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from toolkit.models import DocumentSection, Process, User, VignetteGroup
from toolkit.processes.access import ROLE_NAMES
from toolkit.texts import privacy


@dataclass
class Note:
    """One change: its text, and what it is about (an answer, a document section)."""

    text: str
    tag: str = ""
    answer: object = None  # the answer row; its id is known once the flush has run
    section: str = ""
    minor: bool = False  # follows from another change of the same flush, left out beside it


# Rows written by participants (their answers, dots, groups' answers), by the app for itself
# (join attempts) or by the record itself: never a leader's change.
NOT_LEADER_CHANGES = {
    "participant": "a participant joins by themselves; a leader only blanks names (bulk)",
    "surveyresponse": "an anonymous survey answer",
    "vignetteanswer": "a discussion group's answer",
    "processchange": "the record itself",
}


def quoted(text: str | None, most: int = 60) -> str:
    """A text in quotes, shortened; one with a number like a personnummer is not repeated."""
    text = " ".join((text or "").split())
    if privacy.resembles_personnummer(text):
        return "”…”"
    return f"”{text if len(text) <= most else text[: most - 1] + '…'}”"


def exercise_title(actor, workshop_key: str | None, exercise_key: str | None) -> str:
    workshop = actor.content.workshop(workshop_key) if actor.content else None
    exercise = workshop.exercise(exercise_key) if workshop else None
    return exercise.title if exercise else (exercise_key or "en övning")


def workshop_title(actor, workshop_key: str | None) -> str:
    workshop = actor.content.workshop(workshop_key) if actor.content else None
    return f"Workshop {workshop.number} – {workshop.title}" if workshop else "en workshop"


def section_title(actor, document: str, key: str) -> str:
    outlines = actor.content.outlines if actor.content else None
    outline = outlines.document(document) if outlines else None
    section = outline.section(key) if outline else None
    return section.title if section else key


def _process(session, actor, row, how, changed):
    notes = []
    if "current_exercise" in changed or "current_workshop" in changed:
        exercise = exercise_title(actor, row.current_workshop, row.current_exercise)
        notes.append(f"gick till {exercise}")
    if "timer_duration" in changed:
        notes.append(f"ställde timern på {row.timer_duration // 60} minuter")
    elif "timer_started_at" in changed and row.timer_started_at is not None:
        notes.append("startade timern")
    elif "timer_started_at" in changed or "timer_elapsed" in changed:
        notes.append("nollställde timern" if not row.timer_elapsed else "stoppade timern")
    if "show_names" in changed:
        notes.append("visar deltagarnas namn" if row.show_names else "döljer deltagarnas namn")
    if "hold_answers" in changed:
        notes.append(
            "håller tillbaka svaren i nya övningar"
            if row.hold_answers
            else "visar svaren direkt i nya övningar"
        )
    if {"name", "municipality"} & set(changed):
        notes.append(f"ändrade processens namn till {quoted(row.name)}")
    if "join_code" in changed:
        notes.append("gav rummet en ny anslutningskod")
    return [Note(text) for text in notes]


def _exercise_state(session, actor, row, how, changed):
    exercise = exercise_title(actor, row.workshop_key, row.exercise_key)
    if how == "new":  # the state as it was before the row existed (steering.exercise_state)
        process = session.get(Process, row.process_id)
        defaults = {"is_open": True, "revealed": not process.hold_answers}
        defaults |= {"focus_question": None, "current_step": None}
        changed = {key: value for key, value in changed.items() if key in defaults}
        changed = {k: v for k, v in changed.items() if v[1] != defaults[k]}
    notes = []
    if "is_open" in changed:
        notes.append(f"{'öppnade' if row.is_open else 'stängde'} {exercise} för svar")
    if "revealed" in changed:
        notes.append("visade svaren" if row.revealed else "höll tillbaka svaren")
    if "current_step" in changed and row.current_step:
        workshop = actor.content.workshop(row.workshop_key) if actor.content else None
        found = workshop.exercise(row.exercise_key) if workshop else None
        step = next((s for s in (found.steps if found else ()) if s.key == row.current_step), None)
        notes.append(f"visade steget {quoted(step.title if step else row.current_step)}")
    elif "focus_question" in changed:
        notes.append(
            "visade en fråga ensam på projektorn" if row.focus_question else "visade alla frågor"
        )
    return [Note(text) for text in notes]


def _workshop_state(session, actor, row, how, changed):
    if how == "new":
        return [Note(f"startade {workshop_title(actor, row.workshop_key)}")]
    notes = []
    if "join_panel_large" in changed:
        large = row.join_panel_large
        notes.append(
            Note(
                "visade anslutningsrutan stor" if large else "gjorde anslutningsrutan liten",
                minor=True,
            )
        )
    if "projector_page" in changed and not row.pages_turn:
        before, after = changed["projector_page"]
        notes.append(
            Note(
                f"bläddrade projektorn till {'nästa' if after > (before or 0) else 'förra'} sida",
                minor=True,
            )
        )
    elif "pages_turn" in changed and row.pages_turn:
        notes.append(Note("lät projektorns sidor bläddra själva", minor=True))
    return notes


def _answer(session, actor, row, how, changed):
    if how == "new":
        return (
            [Note(f"lade till svaret {quoted(row.text)}", "added", row)]
            if row.participant_id is None
            else []
        )
    notes = []
    if "hidden" in changed:
        notes.append(
            Note("dolde ett svar", "hidden", row)
            if row.hidden
            else Note("visade ett dolt svar igen", "shown", row)
        )
    if "highlighted" in changed:
        notes.append(
            Note(
                "lyfte fram ett svar" if row.highlighted else "tog bort markeringen av ett svar",
                "",
                row,
            )
        )
    if "deleted_at" in changed:
        notes.append(
            Note("tog bort ett svar" if row.deleted_at else "återställde ett svar", "", row)
        )
    if "text" in changed:
        notes.append(Note("ändrade ett svar", "", row))
    return notes


def _named(what: str, attribute: str, where: str = "") -> Callable:
    """A describer for rows a leader adds, changes and removes, named by one of their texts."""

    def describe(session, actor, row, how, changed):
        name = quoted(getattr(row, attribute, ""))
        if how == "changed" and set(changed) <= {"position"}:
            return [Note(f"ändrade ordningen{where or ''}")]
        if how == "changed" and "deleted_at" in changed:  # removed, the row kept
            how = "removed" if row.deleted_at else "new"
        verb = {"new": "lade till", "changed": "ändrade", "removed": "tog bort"}[how]
        return [Note(f"{verb} {what + ' ' if what else ''}{name}{where}")]

    return describe


def _fixed(text: str, minor: bool = False) -> Callable:
    return lambda session, actor, row, how, changed: [Note(text, minor=minor)]


def _team_member(session, actor, row, how, changed):
    user = session.get(User, row.user_id)
    name = (user.name or user.username) if user else "en medlem"
    role = ROLE_NAMES.get(row.role, row.role).lower()
    if how == "new":
        return [Note(f"lade till {name} i teamet som {role}")]
    if how == "removed":
        return [Note(f"tog bort {name} ur teamet")]
    return [Note(f"gjorde {name} till {role}")]


def _invitation(session, actor, row, how, changed):
    role = ROLE_NAMES.get(row.role, row.role).lower()
    if how == "new":
        return [Note(f"bjöd in en {role} med en länk")]
    return [Note("drog tillbaka en inbjudan")] if how == "removed" else []


def _section_comment(session, actor, row, how, changed):
    title = section_title(actor, row.document, row.section_key)
    return [Note(f"kommenterade avsnittet {title}" if how == "new" else "tog bort en kommentar")]


def _chosen(session, actor, row, how, changed):
    group = actor.content.target_group(row.target_group) if actor.content else None
    title = quoted(group.title if group else row.target_group)
    if how == "new":
        return [Note(f"bekräftade målgruppen {title}")]
    return [Note(f"tog bort målgruppen {title} ur de valda")] if how == "removed" else []


def _survey(session, actor, row, how, changed):
    if how == "new" or ("is_open" in changed and row.is_open):
        return [Note("öppnade en enkät")]
    return [Note("stängde en enkät")] if "is_open" in changed else []


def _vignette_group(session, actor, row, how, changed):
    if how != "changed":
        return [Note("delade in vinjettgrupperna")]
    notes = []
    if "vignette_key" in changed:
        notes.append(Note(f"gav grupp {row.number} en annan vinjett"))
    if "is_reporting" in changed:
        reporting = f"lät grupp {row.number} återrapportera"
        notes.append(
            Note(
                reporting if row.is_reporting else f"avslutade grupp {row.number}s återrapportering"
            )
        )
    return notes


def _insats(session, actor, row, how, changed):
    name = quoted(row.text)
    if how == "new":
        return [Note(f"lade till insatsen {name}")]
    if "merged_into_id" in changed and row.merged_into_id:
        return [Note(f"slog ihop insatsen {name} med en annan")]
    if "deleted_at" in changed:
        return [Note(f"{'tog bort' if row.deleted_at else 'tog tillbaka'} insatsen {name}")]
    if "text" in changed:
        return [Note(f"ändrade insatsen {quoted(changed['text'][0])} till {name}")]
    if "region" in changed:
        return [Note(f"flyttade insatsen {name}")]
    if "level" in changed:
        return [Note(f"ändrade nivån för insatsen {name}")]
    return [Note("ändrade ordningen i cirklarna", minor=True)] if "position" in changed else []


def _insats_change(session, actor, row, how, changed):
    undone = how == "changed" and "undone_at" in changed and row.undone_at
    return [Note("ångrade en ändring i cirklarna")] if undone else []


def _section(session, actor, row, how, changed):
    section = f"{row.document}/{row.section_key}"
    if how == "removed":
        return [
            Note(
                f"tömde avsnittet {section_title(actor, row.document, row.section_key)}",
                section=section,
            )
        ]
    sent = bool(row.sources) if how == "new" else "sources" in changed
    return [_section_note(actor, row.document, row.section_key, "text" in changed, sent)]


def _section_note(actor, document, key, text_changed, sources_changed) -> Note:
    section = f"{document}/{key}"
    if key.startswith("huvud-"):
        return Note("ändrade brevhuvudet", section=section)
    title = section_title(actor, document, key)
    verb = "skickade svar till" if sources_changed else "sparade"
    return Note(f"{verb} avsnittet {title}", section=section)


def _version(session, actor, row, how, changed):
    if how == "new":
        return [Note(f"sparade version {row.number} av handlingsplanen")]
    return [Note(f"ändrade version {row.number} av handlingsplanen")]


def _model_part(session, actor, row, how, changed):
    what = "forumet" if row.kind == "forum" else "steget"
    name = quoted(row.title or row.key)
    if how == "changed" and set(changed) <= {"position", "version"}:
        return [Note("ändrade ordningen på forumen")]
    verb = {"new": "ändrade", "changed": "ändrade", "removed": "tog bort"}[how]
    return [Note(f"{verb} {what} {name} i modellen")]


def _word_template(session, actor, row, how, changed):
    if how == "removed":
        return [Note("tog bort Word-mallen")]
    return [Note(f"laddade upp Word-mallen {quoted(row.filename)}")]


DESCRIBERS: dict[str, Callable] = {
    "process": _process,
    "organisation": _named("organisationen", "name"),
    "rolemember": _named("", "name", " i rollerna"),
    "startupitem": _fixed("sparade uppstarten"),
    "teammember": _team_member,
    "invitation": _invitation,
    "sectioncomment": _section_comment,
    "workshopstate": _workshop_state,
    "exercisestate": _exercise_state,
    "answer": _answer,
    "targetgroupvote": _fixed("nollställde prickarna"),
    "chosentargetgroup": _chosen,
    "casepathstep": _named("steget", "text", " i ärendegången"),
    "survey": _survey,
    "localvignette": _named("vinjetten", "title"),
    "vignettegroup": _vignette_group,
    "vignettegroupmember": _fixed("ändrade vinjettgrupperna", minor=True),
    "circlesetup": _fixed("ändrade cirklarnas inställningar"),
    "insats": _insats,
    "insatschange": _insats_change,
    "documentsection": _section,
    "actionplanversion": _version,
    "goal": _named("målet", "text"),
    "activity": _named("aktiviteten", "name", " i tidplanen"),
    "modelpart": _model_part,
    "budgetline": _named("budgetraden", "description"),
    "wordtemplate": _word_template,
}


def describe(session: Session, actor, row, how: str, changed: dict) -> list[Note]:
    """What a leader's new, changed or removed row says; nothing for a row of another process."""
    describer = DESCRIBERS.get(row.__table__.name)
    if describer is None or _process_of(session, row) != actor.process_id:
        return []
    return describer(session, actor, row, how, changed)


def _process_of(session: Session, row) -> int | None:
    if row.__table__.name == "process":
        return row.id
    if hasattr(row, "process_id"):
        return row.process_id
    parent = getattr(row, "group_id", None)  # a vignette group's member
    if parent is not None:
        group = session.get(VignetteGroup, parent)
        return group.process_id if group else None
    return None


def before_bulk(session: Session, table: str, ids: list[int]) -> dict:
    """What a bulk statement's rows held before it ran, for `describe_bulk`."""
    if table == "documentsection":  # read now: the statement changes the rows in the session too
        rows = [session.get(DocumentSection, i) for i in ids]
        return {
            "sections": [(r.process_id, r.document, r.section_key, r.sources) for r in rows if r]
        }
    return {}


def describe_bulk(session: Session, actor, table: str, before: dict, values: dict) -> list[Note]:
    """What an UPDATE or DELETE statement a leader's request ran says."""
    if table == "participant":
        return [Note("tog bort deltagarnas namn")]
    if table == "documentsection":
        return [
            _section_note(actor, document, key, True, values.get("sources", sources) != sources)
            for process_id, document, key, sources in before.get("sections", [])
            if process_id == actor.process_id
        ]
    return []
