"""The toolkit command, run as a user would run it."""

import os
import shutil
import subprocess
import sys

from toolkit.config import ROOT


def toolkit(tmp_path, *args, env_extra=None):
    env = {**os.environ, "TOOLKIT_DATA_DIR": str(tmp_path / "data"), **(env_extra or {})}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_check_content_reports_what_it_found(tmp_path):
    result = toolkit(tmp_path, "check-content")
    assert result.returncode == 0, result.stderr
    assert "Innehållet är giltigt" in result.stdout
    assert "19 vinjetter" in result.stdout and "20 målgrupper" in result.stdout


def test_check_content_names_a_broken_file(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "workshops", root / "workshops")
    (root / "workshops" / "1-problembeskrivning.yaml").write_text("title: [", encoding="utf-8")
    result = toolkit(tmp_path, "check-content", env_extra={"TOOLKIT_CONTENT_DIR": str(root)})
    assert result.returncode == 2
    assert "workshops/1-problembeskrivning.yaml" in result.stderr


def test_create_user_then_demo_prints_id_and_code(tmp_path):
    created = toolkit(tmp_path, "create-user", "--username", "lea", "--password", "langtlosen")
    assert created.returncode == 0, created.stderr
    assert "Kontot lea är skapat." in created.stdout
    first = toolkit(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "Demoprocessen är klar: id 1, kod " in first.stdout
    again = toolkit(tmp_path, "demo")
    assert "Demoprocessen är klar: id 2" in again.stdout  # reset: the old one is gone


def test_create_user_refuses_a_short_password(tmp_path):
    result = toolkit(tmp_path, "create-user", "--username", "lea", "--password", "kort")
    assert result.returncode == 1
    assert "minst 8 tecken" in result.stderr


def test_restore_refuses_a_malformed_file_in_plain_swedish(tmp_path):
    created = toolkit(tmp_path, "create-user", "--username", "lea", "--password", "langtlosen")
    assert created.returncode == 0, created.stderr
    for name, body in [("djup.json", "[" * 100_000 + "]" * 100_000), ("lista.json", "[1, 2]")]:
        (tmp_path / name).write_text(body, encoding="utf-8")
        result = toolkit(tmp_path, "restore", str(tmp_path / name))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
