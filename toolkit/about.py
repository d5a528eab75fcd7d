"""Pages about the service itself: the accessibility statement (tillgänglighetsredogörelse)."""

from flask import Blueprint, current_app, render_template

bp = Blueprint("about", __name__)


@bp.get("/tillganglighet")
def accessibility():
    """The accessibility statement in DIGG's form, linked from every page's footer."""
    return render_template(
        "about/accessibility.html", contact=current_app.config.get("ACCESSIBILITY_CONTACT", "")
    )
