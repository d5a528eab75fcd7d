"""Voting on target groups with dots (Övning 4a), and the groups the process leader confirms.

Dots belong to their vote exercise; the confirmed groups belong to the process, because
later exercises and Workshop 3 work with them.
"""

from collections import Counter

from sqlalchemy import func
from sqlmodel import Session, select

from toolkit.content import Content
from toolkit.content.model import Exercise, TargetGroup, Workshop
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import ChosenTargetGroup, Participant, Process, TargetGroupVote
from toolkit.processes.data import chosen_target_group_keys
from toolkit.room.steering import exercise_state


def _in(process: Process, workshop: Workshop, exercise: Exercise):
    """The condition that picks the dots of this vote exercise in this process."""
    return (
        TargetGroupVote.process_id == process.id,
        TargetGroupVote.workshop_key == workshop.key,
        TargetGroupVote.exercise_key == exercise.key,
    )


def my_votes(
    session: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant,
) -> Counter:
    """How many dots this participant put on each target group in this vote."""
    query = select(TargetGroupVote.target_group).where(
        *_in(process, workshop, exercise), TargetGroupVote.participant_id == participant.id
    )
    return Counter(session.exec(query))


def cast_vote(
    session: Session,
    content: Content,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant,
    target_group: str,
) -> None:
    """Put one of the participant's dots on a target group."""
    if content.target_group(target_group) is None:
        raise Rejected("Målgruppen finns inte. Ladda om sidan.")
    if not exercise_state(session, process, workshop.key, exercise.key).is_open:
        raise Rejected("Röstningen är stängd.")
    if sum(my_votes(session, process, workshop, exercise, participant).values()) >= exercise.dots:
        raise Rejected(f"Du har redan satt alla dina {exercise.dots} prickar.")
    session.add(
        TargetGroupVote(
            process_id=process.id,
            workshop_key=workshop.key,
            exercise_key=exercise.key,
            participant_id=participant.id,
            target_group=target_group,
        )
    )
    mark(session, process.id, "votes")
    session.commit()


def withdraw_vote(
    session: Session,
    process: Process,
    workshop: Workshop,
    exercise: Exercise,
    participant: Participant,
    target_group: str,
) -> None:
    """Take back one of the participant's dots from a target group."""
    query = select(TargetGroupVote).where(
        *_in(process, workshop, exercise),
        TargetGroupVote.participant_id == participant.id,
        TargetGroupVote.target_group == target_group,
    )
    vote = session.exec(query.order_by(TargetGroupVote.id.desc())).first()
    if vote is not None:
        session.delete(vote)
        mark(session, process.id, "votes")
        session.commit()


def tally(
    session: Session, content: Content, process: Process, workshop: Workshop, exercise: Exercise
) -> list[tuple[TargetGroup, int]]:
    """Every target group with its dots, most dots first (ties in the list's order)."""
    query = (
        select(TargetGroupVote.target_group, func.count())
        .where(*_in(process, workshop, exercise))
        .group_by(TargetGroupVote.target_group)
    )
    counts = dict(session.exec(query).all())
    groups = content.target_groups.groups if content.target_groups else ()
    ranked = sorted(enumerate(groups), key=lambda pair: (-counts.get(pair[1].key, 0), pair[0]))
    return [(group, counts.get(group.key, 0)) for _, group in ranked]


def voters(session: Session, process: Process, workshop: Workshop, exercise: Exercise) -> int:
    """How many participants have put at least one dot in this vote."""
    query = select(func.count(func.distinct(TargetGroupVote.participant_id))).where(
        *_in(process, workshop, exercise)
    )
    return session.exec(query).one()


def chosen_groups(session: Session, content: Content, process: Process) -> list[TargetGroup]:
    """The target groups the process leader confirmed, in order."""
    groups = (content.target_group(key) for key in chosen_target_group_keys(session, process))
    return [group for group in groups if group is not None]


def choose_groups(
    session: Session, content: Content, process: Process, exercise: Exercise, keys: list[str]
) -> None:
    """Confirm the room's target groups (replacing an earlier choice)."""
    keys = list(dict.fromkeys(k for k in keys if content.target_group(k)))
    if not exercise.min_choices <= len(keys) <= exercise.max_choices:
        raise Rejected(
            f"Välj mellan {exercise.min_choices} och {exercise.max_choices} målgrupper "
            f"(du valde {len(keys)})."
        )
    query = select(ChosenTargetGroup).where(ChosenTargetGroup.process_id == process.id)
    for row in session.exec(query):
        session.delete(row)
    session.flush()
    for position, key in enumerate(keys):
        session.add(ChosenTargetGroup(process_id=process.id, target_group=key, position=position))
    mark(session, process.id, "votes", "answers", "exercise")
    session.commit()


def clear_votes(session: Session, process: Process, workshop: Workshop, exercise: Exercise) -> None:
    """Remove every dot of this vote, to vote again."""
    for vote in session.exec(select(TargetGroupVote).where(*_in(process, workshop, exercise))):
        session.delete(vote)
    # Participants' own dot counts change too, so their exercise view refreshes.
    mark(session, process.id, "votes", "exercise")
    session.commit()
