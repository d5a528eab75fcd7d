"""What the documents' pages show: an outline by key and the editing page, for both blueprints."""

import datetime as dt

from flask import abort, render_template

from toolkit.documents import budget, build, store, timeline
from toolkit.documents.sources import Material
from toolkit.models import SECTION_MAX_LENGTH, Activity
from toolkit.web import content, get_session


def outline_or_404(document: str):
    """The outline of a document key, or 404."""
    outline = content().outlines.document(document)
    if outline is None:
        abort(404)
    return outline


def timeline_grid(activities: list[Activity]) -> dict:
    """Months and bars for the tidplan's timeline on the page: one grid column per month."""
    first = min(a.start for a in activities).replace(day=1)
    count = min(timeline.month_index(first, max(a.end for a in activities)) + 1, 60)

    def column(day: dt.date) -> int:
        return min(timeline.month_index(first, day), count - 1)

    rows = [
        {
            "name": a.name,
            "status": a.status,
            "first": column(a.start) + 2,
            "last": column(a.end) + 3,
        }
        for a in activities
    ]
    return {"months": timeline.month_labels(first, count), "rows": rows}


def edit_page(process, outline, status: int = 200, **extra):
    """A document's editing page; parts' forms re-render it with their error and input."""
    db = get_session()
    gathered = build.gather(db, content(), process)
    material = Material(db, content(), process)
    costs, financing = budget.budget_totals(gathered.budget)
    return render_template(
        "documents/edit.html",
        process=process,
        outline=outline,
        gathered=gathered,
        material={s.key: material.for_section(s) for s in outline.sections},
        line=material.line,
        saved=store.sections_of(db, process),
        versions=store.versions_of(db, process) if outline.key == "handlingsplan" else [],
        totals=(costs, financing),
        budget_warning=build.budget_warning(gathered),
        kronor=build.kronor,
        store=store,
        budget=budget,
        timeline=timeline_grid,
        empty_sections=build.empty_sections(gathered, outline),
        max_length=SECTION_MAX_LENGTH,
        **extra,
    ), status
