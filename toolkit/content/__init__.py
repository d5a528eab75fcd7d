"""The content files (workshops, target groups, vignettes, document outlines), loaded at start."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from toolkit.content.guide import Guide
from toolkit.content.model import (
    ContentError,
    TargetGroup,
    TargetGroups,
    Vignette,
    VignetteQuestions,
    Workshop,
    _require_unique,
)
from toolkit.content.outline import Outlines, unknown_sources
from toolkit.texts.privacy import contains_personnummer


@dataclass(frozen=True)
class Content:
    """Everything the app shows that is not code."""

    workshops: tuple[Workshop, ...]
    target_groups: TargetGroups | None = None
    vignettes: tuple[Vignette, ...] = ()
    vignette_questions: VignetteQuestions | None = None
    files: tuple[Path, ...] = field(default=())
    outlines: Outlines | None = None  # always loaded by load_content
    guide: Guide | None = None  # always loaded by load_content

    def workshop(self, key: str | None) -> Workshop | None:
        """The workshop with this key, or None."""
        return next((w for w in self.workshops if w.key == key), None)

    def target_group(self, key: str) -> TargetGroup | None:
        """The target group with this key, or None."""
        groups = self.target_groups.groups if self.target_groups else ()
        return next((g for g in groups if g.key == key), None)

    def vignette(self, key: str) -> Vignette | None:
        """The vignette (from a file) with this key, or None."""
        return next((v for v in self.vignettes if v.key == key), None)


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "(top)"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _read_yaml(path: Path, root: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(f"{path.relative_to(root)}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{path.relative_to(root)}: expected a mapping at the top")
    return data


def _parse(model: type[BaseModel], data: dict, path: Path, root: Path):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(f"{path.relative_to(root)}: {_describe(exc)}") from exc


def _read_vignette(path: Path, root: Path) -> Vignette:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ContentError(f"{path.relative_to(root)}: must start with a --- front matter block")
    try:
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front) or {}
    except (ValueError, yaml.YAMLError) as exc:
        raise ContentError(f"{path.relative_to(root)}: front matter cannot be read: {exc}") from exc
    if not isinstance(meta, dict):
        raise ContentError(f"{path.relative_to(root)}: front matter must be a mapping")
    if not body.strip():
        raise ContentError(f"{path.relative_to(root)}: the vignette has no text")
    if contains_personnummer(text):
        raise ContentError(
            f"{path.relative_to(root)}: holds what looks like a personnummer; "
            "vignettes must be fictional"
        )
    return _parse(Vignette, {"key": path.stem, **meta, "text": body.strip()}, path, root)


def load_content(root: Path) -> Content:
    """Load and validate every content file under `root`; raise ContentError naming the file."""
    workshop_dir = root / "workshops"
    workshop_files = sorted(workshop_dir.glob("[0-9]*.yaml"))
    if not workshop_files:
        raise ContentError(f"{workshop_dir}: no workshop files (expected e.g. 1-name.yaml)")
    workshops = tuple(_parse(Workshop, _read_yaml(p, root), p, root) for p in workshop_files)
    _require_unique_across([w.key for w in workshops], "workshop keys", workshop_dir, root)

    groups_file = workshop_dir / "target-groups.yaml"
    groups = None
    if groups_file.exists():
        groups = _parse(TargetGroups, _read_yaml(groups_file, root), groups_file, root)

    vignette_dir = root / "vignettes"
    questions_file = vignette_dir / "questions.yaml"
    questions = None
    if questions_file.exists():
        questions = _parse(
            VignetteQuestions, _read_yaml(questions_file, root), questions_file, root
        )
    vignette_files = [p for p in sorted(vignette_dir.glob("*.md")) if p.name != "README.md"]
    known = {g.key for g in groups.groups} if groups else set()
    vignettes = []
    for path in vignette_files:
        vignette = _read_vignette(path, root)
        unknown = [k for k in vignette.target_groups if k not in known]
        if unknown:
            raise ContentError(
                f"{path.relative_to(root)}: target_groups not in workshops/target-groups.yaml: "
                f"{', '.join(unknown)}"
            )
        vignettes.append(vignette)
    files = tuple(workshop_files) + tuple(vignette_files)
    asked = questions.questions + questions.perspectives if questions else ()
    outlines = _read_outlines(
        workshop_dir / "documents.yaml", workshops, tuple(q.key for q in asked), root
    )
    guide = _read_guide(workshop_dir / "guide.yaml", workshops, workshop_files, root)
    return Content(workshops, groups, tuple(vignettes), questions, files, outlines, guide)


# The reference an exercise names to show the target groups' own introduction and closing
# (workshops/target-groups.yaml) rather than a text of workshops/guide.yaml.
TARGET_GROUPS_REFERENCE = "vilka-barn"


def _read_guide(path: Path, workshops: tuple[Workshop, ...], files: list[Path], root: Path):
    """The guide's texts; a workshop naming a reference or link the guide lacks is named."""
    if not path.exists():
        raise ContentError(f"{path.relative_to(root)}: missing (the guide's texts)")
    guide = _parse(Guide, _read_yaml(path, root), path, root)
    references = {r.key for r in guide.references} | {TARGET_GROUPS_REFERENCE}
    materials = {m.key for m in guide.materials}
    for workshop, file in zip(workshops, files, strict=True):
        named = [(workshop.key, "reference", k, references) for k in workshop.references]
        for exercise in workshop.exercises:
            named += [(exercise.key, "reference", k, references) for k in exercise.references]
            named += [(exercise.key, "link", k, materials) for k in exercise.links]
        problems = [
            f"{where}: no {what} {key} in {path.relative_to(root)}"
            for where, what, key, known in named
            if key not in known
        ]
        if problems:
            raise ContentError(f"{file.relative_to(root)}: {'; '.join(problems)}")
    return guide


def _read_outlines(path: Path, workshops: tuple[Workshop, ...], asked: tuple[str, ...], root: Path):
    """The documents' outlines, checked against the workshops and vignettes that feed them."""
    if not path.exists():
        raise ContentError(f"{path.relative_to(root)}: missing (the documents' sections)")
    outlines = _parse(Outlines, _read_yaml(path, root), path, root)
    if problems := unknown_sources(outlines, workshops, asked):
        raise ContentError(f"{path.relative_to(root)}: {'; '.join(problems)}")
    return outlines


def _require_unique_across(keys: list[str], what: str, where: Path, root: Path) -> None:
    try:
        _require_unique(keys, what)
    except ValueError as exc:
        raise ContentError(f"{where.relative_to(root)}: {exc}") from exc
