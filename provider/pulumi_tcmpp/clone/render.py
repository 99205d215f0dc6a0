"""Writing a spec: a deterministic document, YAML or JSON text, and atomic files.

Exporting the same platform twice must give byte-identical files, so a re-export shows no diff
in review and CI can compare exports with ``cmp``. Hence: defaults stripped (``account_type:
member``, ``restricted: false``, empty lists), mapping keys sorted at every level, lists sorted
by the exporter, no timestamps, and one fixed text layout per format.

Files are written atomically: into a temporary file in the target's folder, flushed to disk,
then renamed over the target. An export that fails or is interrupted half way leaves the
previous file (or no file) and no temporary one behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml

from pulumi_tcmpp.clone.spec import PlatformSpec

__all__ = ["HEADER", "Format", "dumps", "format_of", "to_document", "write_atomic", "write_files"]

Format = Literal["yaml", "json"]
HEADER = (
    "# TCMPP platform spec, written by `pulumi-tcmpp export`.\n"
    "# Format: docs/cloning.md. Values such as {config: KEY} and {secret: NAME} are filled\n"
    "# from the target stack's configuration when the spec is applied.\n"
)


def to_document(spec: PlatformSpec) -> dict[str, Any]:
    """The spec as plain data, without default values (the version is always written)."""
    document = spec.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    document["version"] = spec.version
    return document


class _Dumper(yaml.SafeDumper):
    """Block style, and lists indented under their key (the common hand-written style)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dumps(spec: PlatformSpec, fmt: Format = "yaml") -> str:
    """The spec as text in one canonical layout."""
    document = to_document(spec)
    if fmt == "json":
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    body = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=True,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
    return HEADER + body


def format_of(path: str | Path) -> Format:
    """JSON for ``.json`` files, YAML otherwise."""
    return "json" if Path(path).suffix.lower() == ".json" else "yaml"


def write_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename; nothing partial is ever visible."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_files(folder: str | Path, files: Mapping[str, str]) -> None:
    """Write several files into a folder, each atomically, only once all are rendered.

    The texts are complete before this is called, so an interruption while reading the
    platform never touches the folder; each file then appears whole or not at all.
    """
    root = Path(folder)
    for name, text in sorted(files.items()):
        write_atomic(root / name, text)
