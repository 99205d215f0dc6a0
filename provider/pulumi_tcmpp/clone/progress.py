"""A plain-text progress bar of the requests an export makes, written to stderr.

A large platform takes minutes to read under the 20 requests per second limit, and an operator
watching a terminal wants to know it is moving. The bar needs no dependency: on a terminal it
redraws one line with ``\\r``; elsewhere (CI logs) it prints a line at most every few seconds
and a final one, so logs stay short. The total grows while lists reveal how many pages and
objects there are, so the bar shows what is known so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress"]

_WIDTH = 24


class Progress:
    """Counts list pages and per-object reads, expected and done, and draws them.

    Only the thread that owns the export calls it, so it needs no lock.
    """

    def __init__(
        self,
        stream: TextIO | None,
        label: str = "reading",
        *,
        interval: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.label = label
        self.pages_expected = 0
        self.pages_done = 0
        self.reads_expected = 0
        self.reads_done = 0
        self._interactive = bool(stream is not None and stream.isatty())
        self._interval = 0.1 if self._interactive else interval
        self._clock = clock
        self._last_draw = float("-inf")

    def expect(self, *, pages: int = 0, reads: int = 0) -> None:
        """More work became known (a list's first page told its total)."""
        self.pages_expected += pages
        self.reads_expected += reads

    def done(self, *, pages: int = 0, reads: int = 0) -> None:
        """Work finished; redraw if it is time to."""
        self.pages_done += pages
        self.reads_done += reads
        self._draw(final=False)

    def finish(self) -> None:
        """Draw the last state and end the line."""
        self._draw(final=True)

    def render(self) -> str:
        """The bar as text, e.g. ``reading [#####-----] 12/40 pages, 3/9 object reads``."""
        total = self.pages_expected + self.reads_expected
        done = self.pages_done + self.reads_done
        filled = _WIDTH * done // total if total else 0
        bar = "#" * filled + "-" * (_WIDTH - filled)
        return (
            f"{self.label} [{bar}] {self.pages_done}/{self.pages_expected} pages, "
            f"{self.reads_done}/{self.reads_expected} object reads"
        )

    def _draw(self, *, final: bool) -> None:
        if self.stream is None:
            return
        now = self._clock()
        if not final and now - self._last_draw < self._interval:
            return
        self._last_draw = now
        if self._interactive:
            self.stream.write("\r" + self.render() + ("\n" if final else ""))
        else:
            self.stream.write(self.render() + "\n")
        self.stream.flush()
