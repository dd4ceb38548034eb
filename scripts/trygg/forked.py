"""A function run in a forked process while this one goes on: its result, or its exception,
when asked for. The build uses it to run what does not depend on each other at once on two
cores (the source rules beside the MkDocs builds, the check's page rules in shares)."""

from __future__ import annotations

import multiprocessing
import pickle
import traceback


class Forked:
    """``Forked(function, *args)`` starts it; ``result()`` waits for it and returns what it
    returned, or raises what it raised. Fork before starting any thread: the fork copies
    none, and a lock another thread held would stay locked in the copy."""

    def __init__(self, function, *args, name: str = "trygg-forked"):
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(sender, function, args), name=name)
        self._process.start()
        sender.close()

    def result(self):
        try:
            status, value = self._receiver.recv()
        except EOFError:
            status, value = "crash", RuntimeError(f"{self._process.name} stopped before it "
                                                  "answered")
        finally:
            self._receiver.close()
            self._process.join()
        if status != "ok":
            raise value
        return value

    def stop(self) -> None:
        """Stop it without waiting for an answer (the answer is no longer needed)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()


def _run(sender, function, args) -> None:
    try:
        answer = ("ok", function(*args))
    except BaseException as error:  # noqa: BLE001 - handed to the waiting process, raised there
        answer = ("error", error)
    try:
        sender.send(answer)
    except (pickle.PicklingError, TypeError, AttributeError):
        # An exception that cannot be sent is sent as its text, traceback included.
        sender.send(("error", RuntimeError("".join(traceback.format_exception(answer[1]))
                                           if answer[0] == "error" else "an answer that "
                                           "could not be sent back")))
    finally:
        sender.close()
