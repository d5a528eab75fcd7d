"""Helpers shared by the tests and by bench/: test modules import these, never each other."""
