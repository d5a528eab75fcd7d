"""Who may do what in a process: the roles, the actions, and the one table that joins them.

Every leader route reaches its process through `web.owned_process_or_404`, which asks
`allowed(role_of(...), action_for(endpoint))`. An endpoint not named in `ENDPOINT_ACTIONS`
needs `steer`, so a new route is closed to readers until someone decides otherwise.
"""

from sqlmodel import Session, select

from toolkit.models import Process, TeamMember, User

OWNER, CO_LEADER, READER = "owner", "processledare", "lasare"
ROLE_NAMES = {OWNER: "Ägare", CO_LEADER: "Processledare", READER: "Läsare"}
TEAM_ROLES = (CO_LEADER, READER)  # the roles the owner gives; there is one owner

LEADERS = frozenset({OWNER, CO_LEADER})
EVERYONE = frozenset({OWNER, CO_LEADER, READER})
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": EVERYONE,  # the process page, results, documents, who changed what
    "export": EVERYONE,  # download documents and pictures
    "comment": EVERYONE,  # comment on a document section
    "steer": LEADERS,  # the live room, settings, workshops, circles, vignettes, start-up
    "edit_documents": LEADERS,
    "backup": LEADERS,
    "delete_process": frozenset({OWNER}),
    "manage_team": frozenset({OWNER}),
}
ENDPOINT_ACTIONS = {
    "leader.show_process": "read",
    "leader.results": "read",
    "documents.index": "read",
    "documents.edit": "read",
    "document_parts.compare_versions": "read",
    "documents.download": "export",
    "circles.png": "export",
    "circles.svg": "export",
    "processdata.download": "backup",
    "processdata.delete": "delete_process",
    "team.show": "read",
    "team.add_member": "manage_team",
    "team.remove_member": "manage_team",
    "team.invite": "manage_team",
    "team.withdraw_invitation": "manage_team",
    "team.comment": "comment",
    "team.delete_comment": "edit_documents",
    # Who changed what: readers see it beside the documents they read, so the list too.
    "changes.index": "read",
}
# What an endpoint of these blueprints needs when the table does not name it.
BLUEPRINT_ACTIONS = {"documents": "edit_documents", "document_parts": "edit_documents"}


def action_for(endpoint: str | None) -> str:
    """The action a leader route performs; `steer` unless the table says otherwise."""
    endpoint = endpoint or ""
    if endpoint in ENDPOINT_ACTIONS:
        return ENDPOINT_ACTIONS[endpoint]
    return BLUEPRINT_ACTIONS.get(endpoint.split(".")[0], "steer")


def allowed(role: str | None, action: str) -> bool:
    """True when the role may perform the action."""
    return role is not None and role in PERMISSIONS[action]


def role_of(session: Session, process: Process, user: User | None) -> str | None:
    """The user's role in the process, or None when they are not on its team."""
    if user is None:
        return None
    if process.owner_id == user.id:
        return OWNER
    member = session.exec(
        select(TeamMember).where(TeamMember.process_id == process.id, TeamMember.user_id == user.id)
    ).first()
    return member.role if member else None
