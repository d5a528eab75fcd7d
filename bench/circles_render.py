"""How long the three circles take to draw, for a projector refresh and for a PNG download.

Prints milliseconds per drawing for an empty figure, a typical room (24 insatser) and a crowded
one (80 insatser, 30 in one region, which needs the '+N till' line). Run:
    .venv/bin/python bench/circles_render.py
"""

import time

from toolkit.circles import drawing

NAMES = ["Skola/elevhälsa", "Socialtjänst", "Hälso- och sjukvård"]
WORDS = "Föräldrastöd i grupp med uppföljning av mående och samtalsstöd på vårdcentralen".split()


def room(per_region: dict[str, int]) -> dict[str, list[str]]:
    """Insatser of varying length in each region."""
    return {
        region: [" ".join(WORDS[: 2 + (i * 3) % 8]) + f" {i}" for i in range(count)]
        for region, count in per_region.items()
    }


CASES = {
    "tom": room({}),
    "typisk (24)": room({"a": 6, "b": 6, "c": 6, "ab": 2, "ac": 2, "bc": 1, "abc": 1}),
    "trång (80)": room({"a": 30, "b": 15, "c": 15, "ab": 5, "ac": 5, "bc": 5, "abc": 5}),
}


def timed(draw, repeat: int) -> float:
    """Milliseconds per call, best of three rounds."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            draw()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1000


def main() -> None:
    drawing.geometry()  # computed once per process; not part of a refresh
    for name, regions in CASES.items():
        svg = timed(lambda r=regions: drawing.render_svg(NAMES, r, title="Cirklar"), 5)
        png = timed(lambda r=regions: drawing.render_png(NAMES, r, title="Cirklar"), 2)
        print(f"{name:12}  SVG {svg:7.1f} ms   PNG {png:7.1f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
