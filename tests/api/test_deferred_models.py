"""Models are built on first use, and every field is complete when its class is created.

Field metadata (wire aliases, nested types) is read without building a model: by the client
(wire names), the emulator (its request schema) and the docs. A model naming a type defined
after it would have incomplete fields until rebuilt, and code reading ``model_fields`` would
see no alias. So the package defines types before their users; this test keeps it that way.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from pulumi_tcmpp.api._base import complete_fields
from pulumi_tcmpp.api.types import DescribeSimpleTeamListResp


def test_no_model_needs_a_rebuild_and_none_is_built_at_import() -> None:
    code = """
        import importlib, json, pathlib
        import pulumi_tcmpp
        from pydantic import BaseModel

        def models(cls):
            for sub in cls.__subclasses__():
                yield sub
                yield from models(sub)

        def ours():
            return {m for m in models(BaseModel) if m.__module__.startswith("pulumi_tcmpp")}

        root = pathlib.Path(pulumi_tcmpp.__file__).parent
        names = [  # every module, found without importing (walk_packages imports packages)
            "pulumi_tcmpp." + ".".join(path.relative_to(root).with_suffix("").parts)
            for path in sorted(root.rglob("*.py"))
            if path.name not in ("__init__.py", "__main__.py", "pytest_plugin.py")
            and path.relative_to(root).parts[0] not in ("quickstart", "testing")
        ]
        program_side = tuple(
            f"pulumi_tcmpp.{p}" for p in ("api", "client", "clone", "resources", "lookups")
        )
        for name in names:  # what programs and providers import: nothing built
            if name.startswith(program_side):
                importlib.import_module(name)
        built = sorted(m.__qualname__ for m in ours() if m.__pydantic_complete__)
        for name in names:  # then the rest (the emulator builds what it uses at import)
            importlib.import_module(name)
        print(json.dumps({
            "count": len(ours()),
            "incomplete": sorted(
                m.__qualname__ for m in ours() if not m.__pydantic_fields_complete__
            ),
            "built": built,
        }))
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["count"] > 150
    assert seen["incomplete"] == []
    assert seen["built"] == ["Request"]


def test_complete_fields_gives_wire_aliases() -> None:
    fields = complete_fields(DescribeSimpleTeamListResp)
    assert fields["data_list"].alias == "DataList"
