"""For real-browser tests: accessibility checks, and the moves people make in the room."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

BLOCKING_IMPACTS = {"serious", "critical"}


WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_check(page, tags: list[str] | None = None) -> str:
    """Run axe-core on `page` and describe its serious and critical violations ("" if none).

    With `tags` (e.g. WCAG21_AA) only those rules run, and a violation of any impact counts.
    """
    violations = _violations(page, options=_only(tags) if tags else None)
    lines = []
    for violation in violations:
        if not tags and violation["impact"] not in BLOCKING_IMPACTS:
            continue
        impact, rule, summary = violation["impact"], violation["id"], violation["help"]
        lines.append(f"{impact}: {rule}: {summary} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            advice = node["failureSummary"].splitlines()
            lines.extend(f"        {line}" for line in advice if line.strip())
    return "\n".join(lines)


def _only(tags: list[str]) -> dict:
    return {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}


def _violations(page, attempts: int = 3, options: dict | None = None) -> list[dict]:
    """axe's findings once the page has settled; a form that was just sent may still navigate."""
    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            if options:
                return Axe().run(page, options=options).response["violations"]
            return Axe().run(page).response["violations"]
        except PlaywrightError:
            if attempt == attempts - 1:
                raise
            page.wait_for_timeout(500)
    return []


def no_problems(page) -> None:
    """Fail on serious or critical accessibility problems on `page`."""
    problems = axe_check(page)
    assert not problems, problems


def join_code(leader) -> str:
    """The join code shown on the leader's page."""
    return leader.locator(".code").first.inner_text().strip()


def join(live_server, new_page, code: str, organisation: str):
    """A participant's page, joined to the room with the code as one of the organisations."""
    page = new_page()
    page.goto(f"{live_server.url}/{code}")
    page.get_by_label(organisation, exact=True).check()
    page.get_by_role("button", name="Gå in i workshoppen").click()
    return page
