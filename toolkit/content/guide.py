"""The guide's own texts around the workshops (workshops/guide.yaml): the start-up before
Workshop 1, the reference texts the exercises point to, and the materials the guide links to."""

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, model_validator

from toolkit.content.model import Key, _require_unique, _Strict


def _well_formed(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname:
        raise ValueError(f"a link must be https with a host name: {url}")
    if any(c.isspace() for c in url):
        raise ValueError(f"a link holds no spaces: {url}")
    return url


Url = Annotated[str, AfterValidator(_well_formed)]


class Link(_Strict):
    """A material the guide points to: its name as the guide gives it, and its address."""

    key: Key
    title: str
    url: Url
    # what the guide says about it, and where
    about: str = ""
    source: str


class Item(_Strict):
    """One line of the start-up the leader answers or ticks."""

    key: Key
    text: str


class Role(_Strict):
    """A role with its tasks (Om processledares, styr- och arbetsgruppens uppdrag)."""

    key: Key
    title: str
    who: str
    tasks: tuple[str, ...]


class StartUpPart(_Strict):
    """A titled list of the start-up: questions to discuss, points to tick, steps to take."""

    title: str
    intro: str = ""
    # what the tool adds that the guide does not say (shown as the tool's own note)
    note: str = ""
    source: str
    items: tuple[Item, ...]


class StartUp(_Strict):
    """Från tanke till handling: what the guide asks before Workshop 1."""

    title: str
    intro: str
    advice: str
    source: str
    questions: StartUpPart
    think_of: StartUpPart
    anchoring: StartUpPart
    roles_source: str
    roles: tuple[Role, ...]
    quotes: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _keys_unique(self):
        parts = (self.questions, self.think_of, self.anchoring)
        _require_unique([i.key for part in parts for i in part.items], "start-up items")
        _require_unique([r.key for r in self.roles], "roles")
        return self

    @property
    def parts(self) -> tuple[StartUpPart, ...]:
        """The questions, the points to think of and the anchoring steps, in order."""
        return (self.questions, self.think_of, self.anchoring)


class Reference(_Strict):
    """A passage of the guide to read beside an exercise, or to show the room."""

    key: Key
    title: str
    text: str
    source: str
    links: tuple[Key, ...] = ()


class Guide(_Strict):
    """Everything of the guide that is not a workshop, an exercise or a document section."""

    title: str
    publisher: str
    start_up: StartUp
    references: tuple[Reference, ...]
    materials: tuple[Link, ...]

    @model_validator(mode="after")
    def _known(self):
        _require_unique([r.key for r in self.references], "references")
        _require_unique([m.key for m in self.materials], "materials")
        known = {m.key for m in self.materials}
        for reference in self.references:
            if unknown := [k for k in reference.links if k not in known]:
                raise ValueError(
                    f"{reference.key}: links to unknown materials: {', '.join(unknown)}"
                )
        return self

    def reference(self, key: str) -> Reference | None:
        """The reference text with this key, or None."""
        return next((r for r in self.references if r.key == key), None)

    def material(self, key: str) -> Link | None:
        """The material with this key, or None."""
        return next((m for m in self.materials if m.key == key), None)
