"""Publish a work folder's packages with a hook at one step of the write: ``kill`` the process there, or
``wait`` there (print the step, then read a line from stdin) so that a test can act while the lock is held.

    python hooked_publish.py WORK kill|wait STEP
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from pledgekit.publish import release


def main() -> None:
    work, action, wanted = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    def hook(step: str) -> None:
        if step != wanted:
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        print(step, flush=True)
        sys.stdin.readline()

    created = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    outcome = release.publish([work / "datapackages"], work / "dist", cwd=work, created=created, on_step=hook)
    sys.exit(0 if outcome.report.valid else 1)


if __name__ == "__main__":
    main()
