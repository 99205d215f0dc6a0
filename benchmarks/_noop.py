"""A provider that does nothing, for the no-op twin of a program (see ``_platform.noop_twins``).

It lives in a module of its own so that the provider process can import it by name (the
benchmarks run their stacks with this folder as the provider's working directory, which the
offline engine puts on its ``PYTHONPATH``), as it imports any provider pickled by reference.
"""

from __future__ import annotations

import itertools
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, ResourceProvider, UpdateResult

_IDS = itertools.count(100_000_001)


class NoopProvider(ResourceProvider):
    """Accepts the inputs as they are and answers at once: no validation, no API call."""

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(str(next(_IDS)), dict(props))

    def read(self, id: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id, dict(props))

    def update(self, id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(dict(news))

    def delete(self, id: str, props: dict[str, Any]) -> None:
        return None
