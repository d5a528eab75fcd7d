"""Times on the pages in the room's own time zone: stored in UTC, shown as the clock on the wall."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The municipalities' and regions' clock; TOOLKIT_TIMEZONE names another (an IANA name).
DEFAULT_TIMEZONE = "Europe/Stockholm"
MINUTE = "%Y-%m-%d %H:%M"


def zone(name: str) -> ZoneInfo:
    """The time zone by its IANA name, or an error that names the setting."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"TOOLKIT_TIMEZONE={name!r} är ingen känd tidszon (till exempel Europe/Stockholm)."
        ) from exc


def local_time(moment: datetime | None, pattern: str = MINUTE, *, timezone: ZoneInfo) -> str:
    """A stored moment as the room's clock shows it; SQLite gives it back without its UTC."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(timezone).strftime(pattern)
