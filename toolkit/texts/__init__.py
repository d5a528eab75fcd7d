"""What users write: cleaned, guarded against personal data, and rendered as Markdown."""
