"""A user's program as editors check it: ``mypy --strict`` and pyright in strict mode.

The examples and ``user_programs/good.py`` (every typed form used correctly) must be clean;
``user_programs/mistakes.py`` must be reported exactly on the lines marked ``expect-error``
(a misspelt enum name, a TypedDict key, a Connection field, a missing ``get`` id...), by both
checkers. Pyright is the ``basedpyright`` package (pyright's engine with its own Node.js from a
wheel, so it needs nothing but pip on a fresh machine), run with ``typeCheckingMode`` strict.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PROGRAMS = {
    "quickstart.py": ROOT / "examples" / "quickstart" / "__main__.py",
    "release.py": ROOT / "examples" / "release" / "__main__.py",
    "good.py": ROOT / "tests" / "user_programs" / "good.py",
    "mistakes.py": ROOT / "tests" / "user_programs" / "mistakes.py",
}
CLEAN = ("quickstart.py", "release.py", "good.py")
Errors = dict[str, set[int]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The programs in a folder of their own (no project config applies to them)."""
    here = tmp_path_factory.mktemp("programs")
    for name, source in PROGRAMS.items():
        shutil.copyfile(source, here / name)
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.11"}
    (here / "pyrightconfig.json").write_text(json.dumps(config))
    return here


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def mypy_errors(folder: Path) -> Errors:
    done = _run([sys.executable, "-m", "mypy", "--strict", "--no-color-output", *PROGRAMS], folder)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    errors: Errors = {name: set() for name in PROGRAMS}
    for file, line in re.findall(r"^([\w.]+):(\d+): error:", done.stdout, re.MULTILINE):
        errors[file].add(int(line))
    return errors


@pytest.fixture(scope="module")
def pyright_errors(folder: Path) -> Errors:
    args = [sys.executable, "-m", "basedpyright", "--outputjson", "--pythonpath", sys.executable]
    done = _run([*args, *PROGRAMS], folder)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    errors: Errors = {name: set() for name in PROGRAMS}
    for item in json.loads(done.stdout)["generalDiagnostics"]:
        if item["severity"] == "error":
            errors[Path(item["file"]).name].add(item["range"]["start"]["line"] + 1)
    return errors


def expected_errors() -> set[int]:
    lines = PROGRAMS["mistakes.py"].read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if "# expect-error" in line}


@pytest.mark.parametrize("checker", ["mypy_errors", "pyright_errors"])
def test_the_examples_and_a_correct_program_type_check(
    checker: str, request: pytest.FixtureRequest
) -> None:
    errors: Errors = request.getfixturevalue(checker)
    assert {name: errors[name] for name in CLEAN} == {name: set() for name in CLEAN}


@pytest.mark.parametrize("checker", ["mypy_errors", "pyright_errors"])
def test_every_deliberate_mistake_is_reported_on_its_line(
    checker: str, request: pytest.FixtureRequest
) -> None:
    errors: Errors = request.getfixturevalue(checker)
    assert len(expected_errors()) >= 15
    assert errors["mistakes.py"] == expected_errors()
