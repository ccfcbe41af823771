"""The `cordee` command line run in a process of its own per command, forked from one that imported it already.

Starting Python and importing the product costs seconds of CPU per command; a test that runs a dozen commands paid
that a dozen times. Here one process per test process imports `backend.cli` once (nothing else: no thread, no store,
no setting read) and forks a child per command. The child is a process of its own, as an operator's would be: its
own environment, arguments, standard input and output, and it ends as `python -c "...; main()"` ends (exit code,
traceback, `atexit`), since it leaves the loop below and runs `main()` as the script's last statement.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
from pathlib import Path

_FORKER = r"""
import json, os, sys, threading
from backend.cli import main
assert threading.active_count() == 1, "a thread started on import: forking would copy its locks"
control_in = os.fdopen(int(sys.argv[1]), "r")
control_out = os.fdopen(int(sys.argv[2]), "w")
child = False
for line in control_in:
    request = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        child = True
        control_in.close()
        control_out.close()
        for fd, path, flags in ((0, request["stdin"], os.O_RDONLY), (1, request["stdout"], os.O_WRONLY),
                                (2, request["stderr"], os.O_WRONLY)):
            opened = os.open(path, flags)
            os.dup2(opened, fd)
            os.close(opened)
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", closefd=False)
        sys.stderr = open(2, "w", closefd=False)
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["-c", *request["args"]]
        break
    _, status = os.waitpid(pid, 0)
    control_out.write(f"{os.waitstatus_to_exitcode(status)}\n")
    control_out.flush()
if child:
    main()
"""


class ForkedCli:
    """One forking process: `run` answers as `subprocess.run` on `python -c "from backend.cli import main; main()"`."""

    def __init__(self, env: dict[str, str]) -> None:
        to_forker, self._requests = os.pipe()
        self._replies, from_forker = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, "-c", _FORKER, str(to_forker), str(from_forker)],
            env=env,
            pass_fds=(to_forker, from_forker),
            stdin=subprocess.DEVNULL,
        )
        os.close(to_forker)
        os.close(from_forker)
        self._send = os.fdopen(self._requests, "w")
        self._receive = os.fdopen(self._replies, "r")

    def run(
        self, env: dict[str, str], *args: str, stdin: str = "", timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        with tempfile.TemporaryDirectory(prefix="cordee-cli-") as scratch:
            files = {name: Path(scratch) / name for name in ("stdin", "stdout", "stderr")}
            files["stdin"].write_text(stdin)
            files["stdout"].touch()
            files["stderr"].touch()
            request = {"args": list(args), "env": env, **{name: str(path) for name, path in files.items()}}
            self._send.write(json.dumps(request) + "\n")
            self._send.flush()
            if not select.select([self._receive], [], [], timeout)[0]:
                raise subprocess.TimeoutExpired(["cordee", *args], timeout)
            reply = self._receive.readline()
            assert reply, f"the forking process ended: {self._process.wait(timeout)}"
            return subprocess.CompletedProcess(
                ["cordee", *args], int(reply), files["stdout"].read_text(), files["stderr"].read_text()
            )

    def close(self) -> None:
        self._send.close()
        self._receive.close()
        self._process.wait(30)


_forked: list[ForkedCli] = []


def cordee(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`cordee ARGS` on the data directory `data_dir`, in a process of its own, 200 columns wide."""
    env = {**os.environ, "CORDEE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    if not _forked:
        _forked.append(ForkedCli({**os.environ, "COLUMNS": "200"}))
        atexit.register(_forked[0].close)
    return _forked[0].run(env, *args, stdin=stdin)
