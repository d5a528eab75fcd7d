"""Accounts: the process leaders' accounts, logging in and out."""
