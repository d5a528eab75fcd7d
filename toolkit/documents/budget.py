"""The model's budget: cost and financing lines in whole kronor, and their totals."""

import re

from sqlmodel import Session, select

from toolkit.documents.store import checked
from toolkit.errors import Rejected
from toolkit.models import BudgetLine, Process

COST_KINDS = {
    "personal": "Personal",
    "aktiviteter": "Aktiviteter",
    "lokaler": "Lokaler",
    "utbildning": "Utbildning och handledning",
    "ovrigt": "Övrigt",
}
FINANCING_KINDS = {"egen-insats": "Egen insats", "bidrag": "Sökt bidrag", "annan": "Annan"}
SIDES = {"kostnad": COST_KINDS, "finansiering": FINANCING_KINDS}


def parse_amount(text: str) -> int:
    """Whole kronor as typed ("712 500", "712.500 kr"), or Rejected."""
    cleaned = re.sub(r"[\s\u00a0.]|kr$", "", text.strip().lower())
    if not re.fullmatch(r"-?\d{1,12}", cleaned):
        raise Rejected(
            f"Beloppet ”{text.strip()}” är inte ett tal. Skriv hela kronor, till exempel 712 500."
        )
    return int(cleaned)


def parse_share(text: str) -> int | None:
    """A share of a full-time post as typed ("0,40", "40 %"), in per cent, or Rejected."""
    cleaned = text.strip().replace("%", "").replace(",", ".").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise Rejected("Andelen av heltid ska vara ett tal, som 0,40 eller 40 %.") from None
    percent = round(value * 100) if value <= 1 and "." in cleaned else round(value)
    if not 0 < percent <= 100:
        raise Rejected("Andelen av heltid ska vara mellan 0 och 100 %.")
    return percent


def budget_of(session: Session, process: Process) -> list[BudgetLine]:
    """The budget's lines: costs, then financing, in the order added."""
    query = select(BudgetLine).where(BudgetLine.process_id == process.id)
    return sorted(session.exec(query), key=lambda b: (b.side != "kostnad", b.position, b.id))


def add_budget_line(
    session: Session,
    process: Process,
    side: str,
    kind: str,
    description: str,
    amount: str,
    share: str = "",
) -> BudgetLine:
    """Add a cost or a financing line; amounts are whole kronor."""
    if kind not in SIDES.get(side, {}):
        raise Rejected("Välj slag av kostnad eller finansiering i listan.")
    description = checked(description, 200, "Beskrivningen")
    if not description:
        raise Rejected("Beskriv raden, till exempel ”Behandlingsassistent”.")
    line = BudgetLine(
        process_id=process.id,
        side=side,
        kind=kind,
        description=description,
        amount=parse_amount(amount),
        full_time_percent=parse_share(share) if kind == "personal" else None,
        position=len(budget_of(session, process)),
    )
    session.add(line)
    session.commit()
    return line


def budget_totals(lines: list[BudgetLine]) -> tuple[int, int]:
    """Total costs and total financing."""
    costs = sum(line.amount for line in lines if line.side == "kostnad")
    return costs, sum(line.amount for line in lines if line.side == "finansiering")
