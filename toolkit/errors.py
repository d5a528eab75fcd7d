"""Errors the data layer raises, with a plain Swedish message for the user."""


class Rejected(Exception):
    """The input was refused; the message is plain Swedish for the user."""
