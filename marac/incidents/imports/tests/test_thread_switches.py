"""While an import reads, Python switches threads often, so the writing thread is not kept waiting after each round
trip to the database; afterwards, and after a failure, the usual interval is back."""

import sys
import threading

import pytest

from marac.incidents.imports import reading
from marac.incidents.imports.tests.factories import import_rows, row


def test_short_while_reading_and_usual_again_after(locale, monkeypatch):
    usual = sys.getswitchinterval()
    seen = []
    prepare = reading.ReadAhead.__init__

    def watching_init(self, **kwargs):
        inner = kwargs["prepare"]

        def prepare_and_look(rows, people):
            seen.append(sys.getswitchinterval())
            return inner(rows, people)

        prepare(self, **{**kwargs, "prepare": prepare_and_look})

    monkeypatch.setattr(reading.ReadAhead, "__init__", watching_init)

    import_rows(locale.actor("police_rep"), locale.police, [row("P-1"), row("P-2")])

    assert seen and all(interval < usual for interval in seen)
    assert sys.getswitchinterval() == usual


def test_two_imports_at_once_leave_the_usual_interval_when_both_are_done():
    usual = sys.getswitchinterval()
    first_inside, release_first = threading.Event(), threading.Event()

    def first_import():
        with reading.frequent_thread_switches():
            first_inside.set()
            release_first.wait(5)

    thread = threading.Thread(target=first_import)
    thread.start()
    first_inside.wait(5)
    with reading.frequent_thread_switches():
        assert sys.getswitchinterval() < usual
    assert sys.getswitchinterval() < usual  # the first is still reading
    release_first.set()
    thread.join(5)
    assert sys.getswitchinterval() == usual


def test_the_usual_interval_is_back_after_a_failure():
    usual = sys.getswitchinterval()
    with pytest.raises(RuntimeError), reading.frequent_thread_switches():
        raise RuntimeError("the file went away")
    assert sys.getswitchinterval() == usual
