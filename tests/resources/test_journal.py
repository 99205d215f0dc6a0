"""The local journal of creates in flight (``resources/_journal.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_tcmpp.resources._journal import TTL, Journal

SCOPE = {"platform": "T1", "kind": "team", "key": {"name": "Ops"}}


def test_an_intent_proves_ownership_until_it_is_resolved(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    fingerprint = Journal.fingerprint({"name": "Ops", "role": 2})

    intent = journal.begin(SCOPE, fingerprint)

    assert journal.unresolved(SCOPE, fingerprint) == intent
    intent.resolve()
    assert journal.unresolved(SCOPE, fingerprint) is None
    assert list(tmp_path.iterdir()) == []


def test_other_inputs_another_object_or_an_old_intent_prove_nothing(tmp_path: Path) -> None:
    now = [1000.0]
    journal = Journal(tmp_path, clock=lambda: now[0])
    fingerprint = Journal.fingerprint({"name": "Ops", "role": 2})
    journal.begin(SCOPE, fingerprint)

    assert journal.unresolved(SCOPE, Journal.fingerprint({"name": "Ops", "role": 1})) is None
    assert journal.unresolved({**SCOPE, "platform": "T2"}, fingerprint) is None
    now[0] += TTL + 1
    assert journal.unresolved(SCOPE, fingerprint) is None


def test_the_journal_holds_no_secret_and_survives_a_missing_directory(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    fingerprint = Journal.fingerprint({"name": "Ops"})

    intent = Journal(blocked / "creates").begin(SCOPE, fingerprint)  # cannot be written
    assert intent.path is None and intent.location == "(no journal)"
    intent.resolve()

    written = Journal(tmp_path / "j").begin(SCOPE, fingerprint)
    assert written.path is not None
    record = json.loads(written.path.read_text())
    assert record["scope"] == SCOPE and record["fingerprint"] == fingerprint
    assert set(record) == {"version", "scope", "fingerprint", "started", "host", "pid"}
