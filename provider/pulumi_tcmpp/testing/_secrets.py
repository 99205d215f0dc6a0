"""A leak check: find known secret values stored in state outside a secret wrapper.

The engine re-marks provider outputs as secret only under the *same key* as a secret input
(``annotateSecrets``); a provider that copies a config secret or a password into a new output
key writes it to state in plaintext (reference §1.1). The CLI encrypts only what is marked, so
such a value would sit readable in every state backend. This scanner walks the state exactly as
stored and reports every string containing one of the given plaintexts, directly or
base64-encoded (as in a pickled ``__provider`` that captured it), unless it is inside a secret.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._state import State, state_to_json
from ._values import SECRET_SIG, SIG_KEY

__all__ = ["SecretFinding", "scan_state_for_secrets"]

_BASE64 = re.compile(r"^[A-Za-z0-9+/]{16,}={0,2}$")


@dataclass(frozen=True)
class SecretFinding:
    """One place a known secret is stored readable.

    ``path`` is a JSON path into the state file (``resources[3].outputs.token``), ``urn`` the
    resource it belongs to, ``encoding`` ``plain`` or ``base64``. The secret itself is not kept.
    """

    path: str
    urn: str
    encoding: str

    def __str__(self) -> str:
        how = "" if self.encoding == "plain" else f" ({self.encoding})"
        return f"{self.path}{how} of {self.urn or 'the state'}"


def scan_state_for_secrets(
    state: State | Mapping[str, Any] | str | os.PathLike[str],
    plaintexts: Iterable[str],
) -> list[SecretFinding]:
    """Report where any of ``plaintexts`` appears outside a secret wrapper.

    ``state`` is a :class:`State`, a state file's parsed JSON, or the path of a state file (read
    as stored, without decoding). Empty plaintexts are ignored.
    """
    needles = [p for p in plaintexts if p]
    if not needles:
        return []
    findings: list[SecretFinding] = []
    for resource_index, resource in enumerate(_resources(_as_json(state))):
        urn = str(resource.get("urn", ""))
        prefix = f"resources[{resource_index}]"
        for path, text in _plain_strings(resource, prefix):
            encoding = _match(text, needles)
            if encoding:
                findings.append(SecretFinding(path, urn, encoding))
    return findings


def _as_json(state: State | Mapping[str, Any] | str | os.PathLike[str]) -> Any:
    if isinstance(state, State):
        return state_to_json(state)
    if isinstance(state, Mapping):
        return state
    return json.loads(Path(state).read_text(encoding="utf-8"))


def _resources(data: Any) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping) and "deployment" in data:  # a `pulumi stack export`
        data = data["deployment"]
    resources = data.get("resources", []) if isinstance(data, Mapping) else []
    return [r for r in resources if isinstance(r, Mapping)]


def _plain_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string (keys included) not nested inside a secret wrapper, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        if value.get(SIG_KEY) == SECRET_SIG:
            return
        for key, item in value.items():
            child = f"{path}.{key}" if re.fullmatch(r"\w+", str(key)) else f"{path}[{key!r}]"
            yield child, str(key)
            yield from _plain_strings(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _plain_strings(item, f"{path}[{index}]")


def _match(text: str, needles: list[str]) -> str:
    if any(needle in text for needle in needles):
        return "plain"
    if _BASE64.match(text) and len(text) % 4 == 0:
        try:
            decoded = base64.b64decode(text, validate=True).decode("latin-1")
        except (binascii.Error, ValueError):
            return ""
        if any(needle in decoded for needle in needles):
            return "base64"
    return ""
