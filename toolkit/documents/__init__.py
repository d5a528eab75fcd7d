"""The documents: outlines' texts, builders, Word and Markdown export, and their pages."""
