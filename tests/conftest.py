"""Test settings shared by every test module."""

import os

from hypothesis import settings

# Property tests never depend on the clock: hypothesis's per-example deadline would fail a
# correct test on a busy machine. Under CI the examples are also derandomized, so that a run
# is reproducible: a failing example fails every time, and new examples come from local runs.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
