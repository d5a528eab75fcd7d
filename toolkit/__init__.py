"""Samverkansverkstaden: workshops for a stronger collaboration around children's mental health."""


def create_app(test_config: dict | None = None):
    """Build the app (see toolkit.app); importing the package itself loads nothing."""
    from toolkit.app import create_app as build

    return build(test_config)
