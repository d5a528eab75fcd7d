"""The model's budget: cost and financing lines in whole kronor, and their totals."""

import hashlib
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
MOVES = {"upp": -1, "ned": 1}
SHARE_HELP = "Skriv andelen av en heltid: 1 är en heltid, 0,4 eller 40 % är 40 procent."


def parse_amount(text: str) -> int:
    """Whole kronor as typed ("712 500", "712.500 kr"), or Rejected."""
    cleaned = re.sub(r"[\s\u00a0.]|kr$", "", text.strip().lower())
    if not re.fullmatch(r"-?\d{1,12}", cleaned):
        raise Rejected(
            f"Beloppet ”{text.strip()}” är inte ett tal. Skriv hela kronor, till exempel 712 500."
        )
    return int(cleaned)


def parse_share(text: str) -> int | None:
    """A share of a full-time post as typed, in whole per cent: "1" 100, "0,4" and "40 %" 40."""
    typed = text.strip()
    if not typed:
        return None
    cleaned = re.sub(r"[\s\u00a0]", "", typed).replace(",", ".")
    in_percent = cleaned.endswith("%")
    number = cleaned.removesuffix("%")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", number):
        raise Rejected(f"Andelen av heltid ”{typed}” är inte ett tal. {SHARE_HELP}")
    value = float(number)
    # Without a per cent sign, up to 1 is a share of one post ("1" is a full-time post) and a
    # larger whole number is per cent, as people write both "0,4" and "40".
    if not in_percent and value <= 1:
        value *= 100
    elif not in_percent and not value.is_integer():
        raise Rejected(f"Andelen av heltid ”{typed}” är mer än en heltid. {SHARE_HELP}")
    percent = int(value + 0.5)
    if not 0 < percent <= 100:
        raise Rejected(f"Andelen av heltid ska vara mer än 0 och högst en heltid. {SHARE_HELP}")
    return percent


def share_as_typed(percent: int | None) -> str:
    """A stored share as the page shows it, "0,4" for 40 and "1" for a full-time post."""
    if not percent:
        return ""
    return f"{percent / 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def budget_of(session: Session, process: Process) -> list[BudgetLine]:
    """The budget's lines: costs, then financing, each in the order the leader has put them."""
    query = select(BudgetLine).where(BudgetLine.process_id == process.id)
    return sorted(session.exec(query), key=lambda b: (b.side != "kostnad", b.position, b.id))


def _checked_line(side: str, kind: str, description: str, amount: str, share: str) -> dict:
    if kind not in SIDES.get(side, {}):
        raise Rejected("Välj slag av kostnad eller finansiering i listan.")
    description = checked(description)
    if not description:
        raise Rejected("Beskriv raden, till exempel ”Behandlingsassistent”.")
    return {
        "side": side,
        "kind": kind,
        "description": description,
        "amount": parse_amount(amount),
        "full_time_percent": parse_share(share) if kind == "personal" else None,
    }


def _next_position(session: Session, process: Process) -> int:
    return max((line.position for line in budget_of(session, process)), default=-1) + 1


def add_budget_line(
    session: Session,
    process: Process,
    side: str,
    kind: str,
    description: str,
    amount: str,
    share: str = "",
) -> BudgetLine:
    """Add a cost or a financing line at the end of its table; amounts are whole kronor."""
    values = _checked_line(side, kind, description, amount, share)
    line = BudgetLine(process_id=process.id, position=_next_position(session, process), **values)
    session.add(line)
    session.commit()
    return line


def as_read(line: BudgetLine) -> str:
    """A short mark of the line's stored values, which its edit form carries back."""
    values = (line.side, line.kind, line.description, line.amount, line.full_time_percent)
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def change_budget_line(
    session: Session,
    line: BudgetLine,
    side: str,
    kind: str,
    description: str,
    amount: str,
    share: str = "",
    read: str | None = None,
) -> BudgetLine:
    """Change a line where it stands; a line moved to the other table goes to its end.

    `read` is the line's mark as the form was read (`as_read`): when the line has been
    changed since, nothing is saved and the message says what is stored now.
    """
    if read is not None and read != as_read(line):
        stored = f"{line.amount:,}".replace(",", "\u00a0")
        raise Rejected(
            f"Någon annan har ändrat raden sedan du öppnade sidan. Sparat nu: {line.description}, "
            f"{stored}\u00a0kr. Dina värden står kvar: spara igen för att behålla dem."
        )
    values = _checked_line(side, kind, description, amount, share)
    if values["side"] != line.side:
        line.position = _next_position(session, session.get(Process, line.process_id))
    for name, value in values.items():
        setattr(line, name, value)
    session.add(line)
    session.commit()
    return line


def move_budget_line(session: Session, line: BudgetLine, direction: str) -> None:
    """Move a line one step up or down within its own table (costs or financing)."""
    if direction not in MOVES:
        raise Rejected("Välj att flytta raden upp eller ned.")
    process = session.get(Process, line.process_id)
    table = [row for row in budget_of(session, process) if row.side == line.side]
    index = next(i for i, row in enumerate(table) if row.id == line.id)
    other = index + MOVES[direction]
    if 0 <= other < len(table):
        table[index], table[other] = table[other], table[index]
    # Lines added before a delete can share a position; numbering the table afresh keeps it exact.
    for position, row in enumerate(table):
        row.position = position
        session.add(row)
    session.commit()


def budget_totals(lines: list[BudgetLine]) -> tuple[int, int]:
    """Total costs and total financing."""
    costs = sum(line.amount for line in lines if line.side == "kostnad")
    return costs, sum(line.amount for line in lines if line.side == "finansiering")
