"""Fixtures for testing the offline engine with the tiny JSON-file provider."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.testing import Stack
from pulumi_tcmpp.testing.pytest_plugin import tcmpp_offline_stack  # noqa: F401 (fixture)

TINY = Path(__file__).parent / "tiny"
# The program imports tinycloud from here, as a project imports its own modules; the provider
# process finds it because the stack's cwd is this folder (the CLI runs plugins in the project).
sys.path.insert(0, str(TINY))

from tinycloud import Cloud  # noqa: E402

MakeStack = Callable[..., Stack]


@pytest.fixture
def cloud(tmp_path: Path) -> Cloud:
    """An empty tiny cloud for this test."""
    return Cloud(tmp_path / "cloud.json")


@pytest.fixture
def make_stack(tmp_path: Path, cloud: Cloud) -> MakeStack:
    """Build a stack over the tiny cloud; ``parallel`` defaults to 1 for deterministic order."""

    def make(program: Any, **options: Any) -> Stack:
        config = {"tiny:cloud": str(cloud.path), **options.pop("config", {})}
        options.setdefault("parallel", 1)
        options.setdefault("state_path", tmp_path / "state.json")
        options.setdefault("cwd", TINY)
        return Stack(program, project="tiny", stack="test", config=config, **options)

    return make
