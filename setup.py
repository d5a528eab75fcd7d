"""The build step that puts templates/, workshops/ and vignettes/ inside the wheel.

They stay top-level in the repository; a wheel carries a copy in `toolkit/bundled/`, where
`toolkit.config.ROOT` finds them when the package runs outside a checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("templates", "workshops", "vignettes")


class BuildWithContent(build_py):
    """build_py, then a copy of the top-level folders the app reads into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's own folders
        target = Path(self.build_lib) / "toolkit" / "bundled"
        shutil.rmtree(target, ignore_errors=True)
        for name in BUNDLED:
            shutil.copytree(
                HERE / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )


setup(cmdclass={"build_py": BuildWithContent})
