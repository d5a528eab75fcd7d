"""Processes: one local collaboration model being built, its settings, backup and deletion."""
