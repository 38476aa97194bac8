"""What a benchmark records of the code it measured."""

import subprocess  # noqa: S404
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def git(*args, timeout=30):
    """The output of a git command in the project, "" when git fails."""
    completed = subprocess.run(  # noqa: S603
        ["git", "--no-optional-locks", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    return completed.stdout.strip()
