"""The three circles (Figur 2/3): the organisations' insatser and their overlaps."""
