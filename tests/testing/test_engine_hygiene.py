"""The pickle patch left by ``serialize_provider`` is undone, so big stacks can register."""

from __future__ import annotations

import pickle

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
