#!/usr/bin/env python3
"""Serve the toolkit (`python3 run.py`) or run its tests (`python3 run.py test`) from a .venv."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXE = ".exe" if os.name == "nt" else ""
PYTHON = BIN / f"python{EXE}"
STAMP = VENV / ".toolkit-install"
INSTALL_SYSTEM_DEPS = ROOT / "scripts" / "install-system-deps.sh"


def say(message):
    """Tell the user, in one line, what run.py is doing."""
    print(f"run.py: {message}", flush=True)  # noqa: T201 - run.py is a command-line tool


def ensure_venv():
    """Create .venv with the running interpreter unless it exists."""
    if PYTHON.exists():
        return
    say(f"creating virtual environment {VENV.name}")
    if subprocess.run([sys.executable, "-m", "venv", str(VENV)]).returncode != 0:
        sys.exit("run.py: could not create .venv (on Debian/Ubuntu: apt-get install python3-venv)")


def ensure_installed(extra=None):
    """pip install -e the project with `extra`, unless done since pyproject.toml last changed."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = STAMP.read_text().split() if STAMP.exists() else []
    target = f".[{extra}]" if extra else "."
    if stamp[:1] == [digest] and (extra is None or extra in stamp[1:]):
        say(f"{target} already installed in {VENV.name} (pyproject.toml unchanged)")
        return
    say(f"installing: pip install -e '{target}'")
    STAMP.unlink(missing_ok=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.run([*pip, "-e", target], cwd=ROOT).returncode != 0:
        sys.exit("run.py: pip install failed")
    STAMP.write_text(" ".join([digest, *([extra] if extra else [])]) + "\n")


def missing_system_tools():
    """Name the outside programs the tests use that this machine lacks."""
    chromium = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")
    found = {
        "chromium": os.access(chromium, os.X_OK),
        "soffice": bool(shutil.which("soffice") or shutil.which("libreoffice")),
        "pdftoppm": bool(shutil.which("pdftoppm")),
    }
    return [tool for tool, present in found.items() if not present]


def ensure_system_tools():
    """Install missing test tools with apt when we can; otherwise say which tests will not run."""
    missing = missing_system_tools()
    if not missing:
        return
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_apt:
        script = INSTALL_SYSTEM_DEPS.relative_to(ROOT)
        say(f"installing system packages for {', '.join(missing)}: bash {script}")
        if subprocess.run(["bash", str(INSTALL_SYSTEM_DEPS)], cwd=ROOT).returncode != 0:
            sys.exit("run.py: installing system packages failed")
        missing = missing_system_tools()
    if missing:
        say(
            f"missing system tools: {', '.join(missing)}; the tests that need them will skip "
            "(or fail with TOOLKIT_REQUIRE_ALL=1)"
        )


def run(argv):
    """Become `argv`; Windows has no real exec, so there wait and pass its exit code on."""
    if os.name == "nt":
        sys.exit(subprocess.run(argv).returncode)
    os.execv(argv[0], argv)


def main(args):
    """Dispatch `run.py [serve args]` and `run.py test [pytest args]`."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs under any python3 on the PATH
        sys.exit("run.py: needs Python 3.11 or newer")
    os.chdir(ROOT)
    ensure_venv()
    if args[:1] == ["test"]:
        ensure_installed("test")
        ensure_system_tools()
        say(f"running: python -m pytest {' '.join(args[1:])}".rstrip())
        run([str(PYTHON), "-m", "pytest", *args[1:]])
    else:
        ensure_installed()
        say(f"starting: toolkit serve {' '.join(args)}".rstrip())
        run([str(BIN / f"toolkit{EXE}"), "serve", *args])


if __name__ == "__main__":
    main(sys.argv[1:])
