"""Accessibility checks for real-browser tests."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


def axe_check(page) -> str:
    """Run axe-core on `page` and describe its serious and critical violations ("" if none)."""
    violations = Axe().run(page).response["violations"]
    lines = []
    for violation in violations:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        impact, rule, summary = violation["impact"], violation["id"], violation["help"]
        lines.append(f"{impact}: {rule}: {summary} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            advice = node["failureSummary"].splitlines()
            lines.extend(f"        {line}" for line in advice if line.strip())
    return "\n".join(lines)
