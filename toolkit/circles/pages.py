"""What every screen of the three circles shows: the page context their views and kind share."""

from markupsafe import Markup
from sqlmodel import Session

from toolkit.circles import changes, drawing, mapping
from toolkit.content import Content
from toolkit.models import Process
from toolkit.processes import data as processes


def circles_context(
    db: Session,
    content: Content,
    process: Process,
    workshop=None,
    exercise=None,
    participant=None,
) -> dict:
    """What every view of the circles shows: the picture, the regions and their insatser."""
    # Read each thing once: every participant's screen asks for this on every change.
    circle_orgs = mapping.circle_organisations(db, process)
    names = mapping.names_of(circle_orgs)
    insatser = mapping.insatser_of(db, process)
    regions = mapping.texts_by_region(insatser)
    setup = mapping.setup_of(db, process)
    context = {
        "circle_names": names,
        "circle_organisations": circle_orgs,
        "region_labels": mapping.labels_of(names),
        "by_region": {r: [i for i in insatser if i.region == r] for r in drawing.REGIONS},
        "insats_count": len(insatser),
        "circles_alt": drawing.alt_text(names, regions),
        "circle_setup": setup,
        "levels": mapping.LEVELS,
        "may_move": participant is None or setup.participants_may_move,
        "board_participant": participant,
    }
    if participant is not None:
        # Participants see the table, not the picture: drawing it for each of them is wasted.
        context["my_circle"] = mapping.slots_of(circle_orgs).get(participant.organisation_id)
        return context
    context["all_organisations"] = processes.organisations_of(db, process)
    svg = drawing.render_svg(names, regions, title=mapping.figure_title(process))
    context["circles_svg"] = Markup(svg)  # escaped by drawing.render_svg
    change = changes.last_change(db, process)
    context["undo_text"] = changes.describe_change(db, process, change) if change else None
    source = _suggestion_source(content, workshop, exercise)
    context["suggestion_title"] = source[1].title if source else None
    context["suggestions"] = (
        mapping.suggestions(db, process, source[0].key, source[1].key) if source else []
    )
    return context


def _suggestion_source(content: Content, workshop, exercise):
    """The workshop and exercise whose answers the circles offer as insatser, if any."""
    for candidate in content.workshops if workshop is None else (workshop,):
        for item in candidate.exercises:
            if item.kind == "circles" and (exercise is None or item.key == exercise.key):
                source = candidate.exercise(item.suggestions_from)
                if source is not None:
                    return candidate, source
    return None
