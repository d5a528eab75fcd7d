"""The documents' tests share the worked Trampolinen process they read the Word files of."""

import pytest

from tests.helpers.worked_process import build_trampolinen, work_workshops_2_and_3
from toolkit.accounts import users


@pytest.fixture
def content(app):
    return app.extensions["toolkit.content"]


@pytest.fixture
def owner(db):
    """Karin Ek, the process leader who owns the worked process."""
    return users.create_user(db, "karin", "hemligt-lösen-1", "Karin Ek")


@pytest.fixture
def trampolinen(db, content, owner):
    """The Trampolinen process with Workshop 1 and the documents' texts worked."""
    return build_trampolinen(db, content, owner)


@pytest.fixture
def all_workshops(db, content, trampolinen):
    """Trampolinen after all three workshops."""
    work_workshops_2_and_3(db, content, trampolinen)
    return trampolinen
