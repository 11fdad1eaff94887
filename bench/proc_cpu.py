"""CPU time of a process and its descendants, from /proc (Linux).

On a shared machine wall-clock rates move with everyone else's load; the
CPU seconds the service itself spent per request move much less, so the
webhook benchmarks report them next to the rates.
"""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name; None once `pid` has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and brackets: the fields start after its last ")",
    # at index 0 here (the state); utime is at 11, stime 12, cutime 13, cstime 14.
    return stat[stat.rindex(")") + 2 :].split()


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of `pid` alone (all its threads); 0 once it has gone."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / _TICKS if fields else 0.0


def tree_cpu(pid: int) -> tuple[float, float]:
    """(CPU seconds of `pid`, CPU seconds of its live descendants)."""
    own = process_cpu(pid)
    descendants = 0.0
    pending = _children(pid)
    while pending:
        child = pending.pop()
        descendants += process_cpu(child)
        pending += _children(child)
    return own, descendants


def parent_pid(pid: int) -> int | None:
    """The parent of `pid`, or None when it is not a process this user can read."""
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def cluster_cpu(postmaster: int) -> float | None:
    """CPU seconds a PostgreSQL cluster has used, from its postmaster's pid; None if unreadable.

    The postmaster's own time, the time of the backends it has already reaped
    (cutime/cstime), and that of its live children (backends, WAL writer,
    checkpointer): a counter that only grows, so the difference of two readings is
    what the server spent between them, including backends that exited meanwhile.
    """
    fields = _stat_fields(postmaster)
    if fields is None:
        return None
    own = sum(int(value) for value in fields[11:15]) / _TICKS
    return own + sum(process_cpu(child) for child in _children(postmaster))
