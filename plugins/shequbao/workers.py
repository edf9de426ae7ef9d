"""Worker processes and Ctrl-C: while a build runs, Ctrl-C stops every worker (photos, print
editions, the scan process) at once; a worker itself ignores it. Knows nothing of MkDocs."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time


class InterruptGuard:
    """While a build runs, Ctrl-C terminates every worker process at once (photos, print
    editions, the scan process and with it Pagefind), then stops the build with
    KeyboardInterrupt; the adapter then removes the staging folder and says “已中断”."""

    def __init__(self):
        self._previous = None
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._interrupted)

    def _interrupted(self, signum, frame) -> None:
        terminate_children()
        raise KeyboardInterrupt

    def close(self) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None


def stop_children_on_interrupt() -> InterruptGuard:
    return InterruptGuard()


def terminate_children(timeout: float = 5.0) -> None:
    """Terminate (SIGTERM: no traceback) every child process of this one, then kill stragglers."""
    children = multiprocessing.active_children()
    for child in children:
        with contextlib.suppress(OSError, ValueError):
            child.terminate()
    deadline = time.monotonic() + timeout
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            with contextlib.suppress(OSError, ValueError):
                child.kill()


def ignore_interrupts() -> None:
    """In a worker process: Ctrl-C is for the main process, which stops the workers itself
    (a worker killed by the terminal's SIGINT would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
