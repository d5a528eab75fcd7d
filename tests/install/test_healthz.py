"""/healthz answers 200 only when the app has what its pages need."""

import pytest

from toolkit import create_app
from toolkit.content import Content


@pytest.fixture
def app_with(app_config):
    apps = []

    def make(content):
        made = create_app(app_config | {"CONTENT": content})
        apps.append(made)
        return made

    yield make
    for made in apps:
        made.extensions["toolkit.engine"].dispose()


def test_healthz_is_ok_with_templates_and_content(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_healthz_fails_with_a_plain_message_when_content_is_missing(app_with, project_content):
    without = Content(workshops=(), outlines=project_content.outlines)
    response = app_with(without).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.content_type.startswith("text/plain")
    assert response.text.startswith("Innehållet saknas")


def test_healthz_fails_when_the_vignettes_are_missing(app_with, project_content):
    without = Content(
        workshops=project_content.workshops,
        target_groups=project_content.target_groups,
        outlines=project_content.outlines,
    )
    response = app_with(without).test_client().get("/healthz")
    assert response.status_code == 503 and "Innehållet saknas" in response.text
