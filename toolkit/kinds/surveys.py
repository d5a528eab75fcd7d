"""Anonymous follow-up surveys (Prova i praktiken): a public link per audience, summed up."""

import secrets

from sqlalchemy import func
from sqlmodel import Session, select

from toolkit.content.model import Exercise, SurveyPart, Workshop
from toolkit.errors import Rejected
from toolkit.live.events import mark
from toolkit.models import Process, Survey, SurveyResponse
from toolkit.room.answering import check_text


def surveys_of(session: Session, process: Process) -> dict[str, Survey]:
    """The process's opened surveys, by part key."""
    query = select(Survey).where(Survey.process_id == process.id)
    return {survey.part_key: survey for survey in session.exec(query)}


def open_survey(
    session: Session, process: Process, workshop: Workshop, exercise: Exercise, part: SurveyPart
) -> Survey:
    """Open the survey for one audience (created with its own token the first time)."""
    survey = surveys_of(session, process).get(part.key)
    if survey is None:
        survey = Survey(
            process_id=process.id,
            workshop_key=workshop.key,
            exercise_key=exercise.key,
            part_key=part.key,
            token=secrets.token_urlsafe(12),
        )
    survey.is_open = True
    session.add(survey)
    mark(session, process.id, "survey")
    session.commit()
    return survey


def close_survey(session: Session, survey: Survey) -> None:
    """Stop taking responses; the link says the survey is closed."""
    survey.is_open = False
    session.add(survey)
    mark(session, survey.process_id, "survey")
    session.commit()


def find_survey(session: Session, token: str) -> Survey | None:
    """The survey with this token, or None."""
    return session.exec(select(Survey).where(Survey.token == token)).first()


def respond(session: Session, survey: Survey, part: SurveyPart, answers: dict[str, str]) -> str:
    """Save one anonymous response (empty questions skipped); return its id."""
    if not survey.is_open:
        raise Rejected("Enkäten är stängd och tar inte emot fler svar.")
    given = {k: check_text(v) for k, v in answers.items() if part.question_key(k) and v.strip()}
    if not given:
        raise Rejected("Svara på minst en fråga innan du skickar.")
    response = secrets.token_hex(8)
    for key, text in given.items():
        session.add(
            SurveyResponse(survey_id=survey.id, response=response, question_key=key, text=text)
        )
    mark(session, survey.process_id, "survey")
    session.commit()
    return response


def summary(session: Session, survey: Survey) -> tuple[int, dict[str, list[str]]]:
    """How many responded, and every answer per question, oldest first."""
    count = session.exec(
        select(func.count(func.distinct(SurveyResponse.response))).where(
            SurveyResponse.survey_id == survey.id
        )
    ).one()
    answers: dict[str, list[str]] = {}
    query = select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)
    for row in session.exec(query.order_by(SurveyResponse.id)):
        answers.setdefault(row.question_key, []).append(row.text)
    return count, answers
