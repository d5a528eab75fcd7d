"""The guide's reference texts as a screen shows them, the target groups' own included."""

from toolkit.content import TARGET_GROUPS_REFERENCE, Content
from toolkit.content.guide import Link, Reference


def target_groups_reference(content: Content) -> Reference | None:
    """Bilaga 1's "Vilka barn kan behöva tidiga insatser?": introduction, list and closing."""
    groups = content.target_groups
    if groups is None:
        return None
    listed = "\n".join(f"- {g.title}" for g in groups.groups)
    text = "\n\n".join(part for part in (groups.intro, listed, groups.closing) if part)
    return Reference(
        key=TARGET_GROUPS_REFERENCE,
        title=groups.title,
        text=text,
        source=groups.source,
        links=("forsta-linje-boken",),
    )


def reference(content: Content, key: str) -> Reference | None:
    """The reference text with this key, or None."""
    if key == TARGET_GROUPS_REFERENCE:
        return target_groups_reference(content)
    return content.guide.reference(key) if content.guide else None


def all_references(content: Content) -> list[Reference]:
    """Every reference text, the target groups' among them, in the guide's order."""
    found = list(content.guide.references) if content.guide else []
    if (groups := target_groups_reference(content)) is not None:
        found.insert(2, groups)
    return found


def references(content: Content, keys) -> list[Reference]:
    """The reference texts with these keys, in order, skipping unknown ones."""
    return [found for key in keys if (found := reference(content, key)) is not None]


def links(content: Content, keys) -> list[Link]:
    """The materials with these keys, in order, skipping unknown ones."""
    guide = content.guide
    return [found for key in keys if guide and (found := guide.material(key)) is not None]
