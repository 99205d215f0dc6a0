"""An engine in a process of its own, for tests that kill it: ``python engine_process.py
<state> <cloud> <gate>`` runs ``up`` of the program below over the tiny cloud.

The program: ``a``; then ``b``, whose create holds until the file ``<gate>`` exists; then ``c``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pulumi

TINY = Path(__file__).parent / "tiny"
sys.path.insert(0, str(TINY))

from tinycloud import Thing  # noqa: E402

from pulumi_tcmpp.testing import Stack  # noqa: E402


def held_program(gate: str) -> None:
    """``a``, ``b`` held at the gate, then ``c`` depending on ``b``."""
    a = Thing("a", name="a")
    b = Thing("b", name="b", hold=gate, opts=pulumi.ResourceOptions(depends_on=[a]))
    Thing("c", name="c", opts=pulumi.ResourceOptions(depends_on=[b]))


def main(state: str, cloud: str, gate: str) -> None:
    stack = Stack(
        lambda: held_program(gate),
        project="tiny",
        stack="test",
        state_path=state,
        config={"tiny:cloud": cloud},
        parallel=1,
        cwd=TINY,
    )
    print(stack.up(), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
