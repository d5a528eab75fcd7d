"""Vignette discussions: local vignettes, groups that mix organisations, answers per group."""

from itertools import zip_longest

from pydantic import ValidationError
from sqlmodel import Session, select

from toolkit.content import Content
from toolkit.content.model import STAGES, Vignette
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import (
    LocalVignette,
    Participant,
    Process,
    VignetteAnswer,
    VignetteGroup,
    VignetteGroupMember,
)
from toolkit.processes.data import organisations_of
from toolkit.room.answering import check_text, commit_once, send_key, sent_before

LOCAL_SOURCE = "Lokal vinjett, skriven av processledaren (fiktiv)"
MAX_GROUPS = 12


def _as_vignette(row: LocalVignette) -> Vignette:
    return Vignette(
        key=f"lokal-{row.id}",
        title=row.title,
        name=row.name,
        age=row.age,
        stage=row.stage,
        target_groups=tuple(k for k in row.target_groups.split(",") if k),
        source=LOCAL_SOURCE,
        text=row.text,
    )


def vignettes_for(session: Session, content: Content, process: Process) -> list[Vignette]:
    """SKR's vignettes and the process's local ones."""
    query = select(LocalVignette).where(LocalVignette.process_id == process.id)
    return list(content.vignettes) + [_as_vignette(r) for r in session.exec(query)]


def vignette_for(session: Session, content: Content, process: Process, key: str):
    """The vignette with this key (SKR's or local), or None."""
    return next((v for v in vignettes_for(session, content, process) if v.key == key), None)


def add_local_vignette(
    session: Session, content: Content, process: Process, form: dict
) -> LocalVignette:
    """Add a fictional vignette, validated like the files in vignettes/."""
    text = (form.get("text") or "").strip()
    if not text:
        raise Rejected("Skriv vinjettens text.")
    age = str(form.get("age", "")).strip()
    if not age.isdigit() or not 0 <= int(age) <= 25:
        raise Rejected("Ange barnets ålder (0–25 år).")
    if form.get("stage") not in STAGES:
        raise Rejected("Välj skolform.")
    groups = [k for k in form.get("target_groups", []) if content.target_group(k)]
    if not groups:
        raise Rejected("Välj minst en målgrupp som vinjetten belyser.")
    try:
        vignette = Vignette(
            key="lokal",
            title=form.get("title", ""),
            name=form.get("name", ""),
            age=int(age),
            stage=form.get("stage", ""),
            target_groups=tuple(groups),
            source=LOCAL_SOURCE,
            text=text,
        )
    except ValidationError as exc:
        raise Rejected("Vinjetten gick inte att spara. Kontrollera fälten.") from exc
    if not vignette.title or not vignette.name:
        raise Rejected("Ge vinjetten en rubrik och barnet ett påhittat förnamn.")
    row = LocalVignette(
        process_id=process.id,
        title=vignette.title,
        name=vignette.name,
        age=vignette.age,
        stage=vignette.stage,
        target_groups=",".join(vignette.target_groups),
        text=vignette.text,
    )
    session.add(row)
    mark(session, process.id, "vignettes")
    session.commit()
    return row


def groups_of(session: Session, process: Process) -> list[VignetteGroup]:
    """The process's discussion groups in order."""
    query = select(VignetteGroup).where(VignetteGroup.process_id == process.id)
    return list(session.exec(query.order_by(VignetteGroup.number)))


def members_of(session: Session, process: Process) -> dict[int, list[Participant]]:
    """The participants in each group, by group id."""
    groups = {g.id: [] for g in groups_of(session, process)}
    query = (
        select(VignetteGroupMember, Participant)
        .join(Participant, Participant.id == VignetteGroupMember.participant_id)
        .where(VignetteGroupMember.group_id.in_(list(groups)))
        .order_by(Participant.id)
    )
    for member, participant in session.exec(query):
        groups[member.group_id].append(participant)
    return groups


def create_groups(session: Session, process: Process, count: int) -> None:
    """Split the room into `count` new groups (the old groups and their answers are removed)."""
    if not 1 <= count <= MAX_GROUPS:
        raise Rejected(f"Ange mellan 1 och {MAX_GROUPS} grupper.")
    old = [g.id for g in groups_of(session, process)]
    for model in (VignetteGroupMember, VignetteAnswer):
        for row in session.exec(select(model).where(model.group_id.in_(old))):
            session.delete(row)
    session.flush()
    for group in session.exec(select(VignetteGroup).where(VignetteGroup.id.in_(old))):
        session.delete(group)
    session.flush()
    for number in range(1, count + 1):
        session.add(VignetteGroup(process_id=process.id, number=number))
    mark(session, process.id, "vignettes")
    session.commit()


def assign_mixed(session: Session, process: Process) -> None:
    """Put every participant in a group, taking organisations in turn so each group mixes them."""
    groups = groups_of(session, process)
    if not groups:
        raise Rejected("Skapa grupper först.")
    by_org: dict[int, list[Participant]] = {o.id: [] for o in organisations_of(session, process)}
    query = select(Participant).where(Participant.process_id == process.id)
    for participant in session.exec(query.order_by(Participant.id)):
        by_org.setdefault(participant.organisation_id, []).append(participant)
    in_turn = [p for row in zip_longest(*by_org.values()) for p in row if p is not None]
    ids = [g.id for g in groups]
    for row in session.exec(
        select(VignetteGroupMember).where(VignetteGroupMember.group_id.in_(ids))
    ):
        session.delete(row)
    session.flush()
    for index, participant in enumerate(in_turn):
        session.add(
            VignetteGroupMember(group_id=ids[index % len(ids)], participant_id=participant.id)
        )
    mark(session, process.id, "vignettes")
    session.commit()


def join_group(session: Session, process: Process, participant: Participant, group_id: int) -> None:
    """Let a participant choose a group (leaving any other)."""
    group = session.get(VignetteGroup, group_id)
    if group is None or group.process_id != process.id:
        raise Rejected("Gruppen finns inte längre. Ladda om sidan.")
    query = select(VignetteGroupMember).where(VignetteGroupMember.participant_id == participant.id)
    member = session.exec(query).first() or VignetteGroupMember(participant_id=participant.id)
    member.group_id = group.id
    session.add(member)
    mark(session, process.id, "vignettes")
    session.commit()


def group_of(session: Session, participant: Participant) -> VignetteGroup | None:
    """The participant's group, if any."""
    query = (
        select(VignetteGroup)
        .join(VignetteGroupMember, VignetteGroupMember.group_id == VignetteGroup.id)
        .where(VignetteGroupMember.participant_id == participant.id)
    )
    return session.exec(query).first()


def give_vignette(
    session: Session, content: Content, process: Process, group: VignetteGroup, key: str
) -> None:
    """Give a group a vignette to discuss ("" takes it away)."""
    if key and vignette_for(session, content, process, key) is None:
        raise Rejected("Vinjetten finns inte.")
    group.vignette_key = key
    session.add(group)
    mark(session, process.id, "vignettes")
    session.commit()


def add_group_answer(
    session: Session,
    content: Content,
    group: VignetteGroup,
    participant: Participant | None,
    question_key: str,
    text: str,
    key: str | None = None,
) -> VignetteAnswer:
    """Save a group's answer to one of the vignette questions or perspectives.

    A participant's send carries a key: sent again with it, the answer stored the first time is
    returned, as for an answer (`room.answering.sent_before`).
    """
    key = send_key(key) if participant is not None else None
    scope = {"participant_id": participant.id if participant else None}
    stored = sent_before(session, VignetteAnswer, key, **scope)
    if stored is not None:
        return stored
    questions = content.vignette_questions
    keys = {q.key for q in questions.questions + questions.perspectives} if questions else set()
    if question_key not in keys:
        raise Rejected("Frågan finns inte. Ladda om sidan – din text finns kvar.")
    if not group.vignette_key:
        raise Rejected("Gruppen har ingen vinjett ännu.")
    answer = VignetteAnswer(
        process_id=group.process_id,
        group_id=group.id,
        participant_id=participant.id if participant else None,
        question_key=question_key,
        text=check_text(text),
        idempotency_key=key,
    )
    session.add(answer)
    mark(session, group.process_id, "vignettes")
    return commit_once(session, answer, **scope)


def form_group(group: VignetteGroup) -> str:
    """What an answer form says it was shown for: the group and its vignette."""
    return f"{group.id}-{group.vignette_key}"


def answer_sent(
    session: Session, participant: Participant, key: str | None
) -> VignetteAnswer | None:
    """The group answer a participant's send with this key already stored, if any."""
    return sent_before(session, VignetteAnswer, send_key(key), participant_id=participant.id)


def answers_of(session: Session, group: VignetteGroup) -> list[VignetteAnswer]:
    """A group's answers, oldest first."""
    query = select(VignetteAnswer).where(VignetteAnswer.group_id == group.id)
    return list(session.exec(query.order_by(VignetteAnswer.id)))


def reporting(session: Session, process: Process) -> VignetteGroup | None:
    """The group reporting back on the projector now, if any."""
    query = select(VignetteGroup).where(
        VignetteGroup.process_id == process.id, VignetteGroup.is_reporting.is_(True)
    )
    return session.exec(query).first()


def report(session: Session, process: Process, step: str) -> None:
    """Start the report-back, step to the next or previous group, or stop it."""
    groups = [g for g in groups_of(session, process) if g.vignette_key]
    current = reporting(session, process)
    index = groups.index(current) if current in groups else -1
    target = None
    if step == "start":
        target = groups[0] if groups else None
        if target is None:
            raise Rejected("Ge minst en grupp en vinjett först.")
    elif step in ("next", "previous") and groups:
        index = index + (1 if step == "next" else -1)
        target = groups[max(0, min(index, len(groups) - 1))]
    for group in groups_of(session, process):
        group.is_reporting = group is target
        session.add(group)
    mark(session, process.id, "vignettes")
    session.commit()
