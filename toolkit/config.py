"""Configuration read from the environment, with embedded defaults."""

import os
import secrets
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The folder holding templates/, workshops/ and vignettes/: the copy an installed wheel carries
# (setup.py puts it there), else the checkout the package sits in.
BUNDLED = PACKAGE / "bundled"
ROOT = BUNDLED if BUNDLED.is_dir() else PACKAGE.parent


def default_data_dir() -> Path:
    """The per-user data folder used when TOOLKIT_DATA_DIR is unset."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "samverkansverkstaden"


def content_dir() -> Path:
    """Where workshops/ and vignettes/ are read from: TOOLKIT_CONTENT_DIR or the project."""
    return Path(os.environ.get("TOOLKIT_CONTENT_DIR") or ROOT)


def _secret_key(data_dir: Path) -> str:
    """Read SECRET_KEY, or generate one and keep it so sessions survive a restart."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = data_dir / "secret_key"
    if not path.exists():
        # Several workers may start at once: the first key to land wins, and all read it.
        draft = data_dir / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def from_environment() -> dict:
    """Build the Flask config mapping from environment variables."""
    data_dir = Path(os.environ.get("TOOLKIT_DATA_DIR") or default_data_dir())
    data_dir.mkdir(parents=True, exist_ok=True)
    return {
        "DATA_DIR": data_dir,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'toolkit.db'}",
        "SECRET_KEY": _secret_key(data_dir),
        "HOST": os.environ.get("TOOLKIT_HOST", "0.0.0.0"),
        "PORT": int(os.environ.get("TOOLKIT_PORT", "5000")),
        "PUBLIC_URL": os.environ.get("TOOLKIT_PUBLIC_URL", "").rstrip("/"),
        "CONTENT_DIR": content_dir(),
        "AUTO_MIGRATE": _flag("TOOLKIT_AUTO_MIGRATE", True),
        "PROXY_FIX": _flag("TOOLKIT_PROXY_FIX", False),
        "TRUSTED_PROXIES": _addresses("TOOLKIT_TRUSTED_PROXIES", ("127.0.0.1", "::1")),
        "LIVE_BROKER": os.environ.get("TOOLKIT_LIVE_BROKER", ""),
        "TIMEZONE": os.environ.get("TOOLKIT_TIMEZONE", ""),
        # Who to tell about an accessibility problem (the statement's contact): an e-mail address.
        "ACCESSIBILITY_CONTACT": os.environ.get("TOOLKIT_ACCESSIBILITY_CONTACT", ""),
    }


def _flag(name: str, default: bool) -> bool:
    """A yes/no environment variable: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "true", "yes", "on")


def _addresses(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A comma-separated list of addresses, e.g. the reverse proxy's."""
    value = os.environ.get(name, "")
    return tuple(part.strip() for part in value.split(",") if part.strip()) or default
