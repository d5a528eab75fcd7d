"""The answers kind: the room answers the exercise's questions and the projector shows them."""

from toolkit.kinds.kind import Kind

KIND = Kind(name="answers", events=("answers",), counts_answers=True)
