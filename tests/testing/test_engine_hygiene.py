"""The pickle patch left by ``serialize_provider`` is undone, so big stacks can register."""

from __future__ import annotations

import pickle
import subprocess
import sys

from pulumi.dynamic import ResourceProvider, dynamic

from pulumi_tcmpp.testing import restore_pickler_after_serialize


class StatefulProvider(ResourceProvider):
    """Instance state makes each serialization go through the patched dict pickling."""

    def __init__(self) -> None:
        self.endpoint = "http://127.0.0.1:1"
        self.options = {"retries": 3, "region": "ap-guangzhou"}


def test_thousands_of_serializations_leave_the_pickler_alone() -> None:
    restore_pickler_after_serialize()
    restore_pickler_after_serialize()  # idempotent
    before = {name: pickle._Pickler.__dict__[name] for name in ("_batch_setitems", "save_dict")}
    provider = StatefulProvider()

    blobs = {dynamic.serialize_provider(provider) for _ in range(2000)}

    assert len(blobs) == 1  # still deterministic
    after = {name: pickle._Pickler.__dict__[name] for name in ("_batch_setitems", "save_dict")}
    assert after == before


SCRIPT = """
import sys
from pulumi.dynamic import ResourceProvider, dynamic
from pulumi_tcmpp.testing import restore_pickler_after_serialize

class P(ResourceProvider):
    def __init__(self):
        self.prefix = "bench"
        self.options = {"region": "ap-guangzhou", "retries": 3}

if sys.argv[1] == "fixed":
    restore_pickler_after_serialize()
try:
    for _ in range(1000):
        dynamic.serialize_provider(P())
except RecursionError:
    print("RecursionError")
else:
    print("ok")
"""


def test_without_the_restore_the_sdk_fails_and_with_it_it_does_not() -> None:
    """A fresh process each, so this test's own process is never polluted."""

    def run(mode: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert run("plain") == "RecursionError"
    assert run("fixed") == "ok"
