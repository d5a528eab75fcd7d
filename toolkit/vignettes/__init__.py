"""Vignette discussions: groups, their vignettes and answers, and the report-back."""
