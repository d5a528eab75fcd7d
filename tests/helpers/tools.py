"""Outside tools for the tests: skip when one is missing (fail when the run must be complete)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def require(tool_name: str, found: bool, why: str) -> None:
    """Skip unless `found`; under TOOLKIT_REQUIRE_ALL=1 fail, so CI never passes by skipping."""
    if found:
        return
    message = f"{tool_name} not found: {why}"
    if os.environ.get("TOOLKIT_REQUIRE_ALL") == "1":
        pytest.fail(f"{message} (TOOLKIT_REQUIRE_ALL=1)", pytrace=False)
    pytest.skip(message)


def pg_base_url() -> str:
    """The test PostgreSQL (TOOLKIT_TEST_DATABASE_URL), or skip."""
    base = os.environ.get("TOOLKIT_TEST_DATABASE_URL", "")
    require("PostgreSQL", bool(base), "set TOOLKIT_TEST_DATABASE_URL to run hosted-mode tests")
    return base


def convert_to_pdf(sources: list[Path], outdir: Path) -> subprocess.CompletedProcess:
    """Open Word files in LibreOffice (a real client) and save them as PDF in `outdir`."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    require("LibreOffice", office is not None, "needed to check the .docx opens outside Word")
    # Each run gets its own profile: two conversions sharing one fail silently.
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        return subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            capture_output=True,
            text=True,
            timeout=120 + 30 * len(sources),
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
