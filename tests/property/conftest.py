"""Hypothesis settings for the property tests, registered here rather than globally.

`octavo-property` (the default) is derandomized, so CI sees the same examples every run and
never turns red by chance; `OCTAVO_HYPOTHESIS_PROFILE=octavo-property-explore` runs many more
examples, at random, to hunt for new bugs (add what it finds as a plain regression test).
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("octavo-property", max_examples=200, deadline=None, derandomize=True,
                          print_blob=True)
settings.register_profile("octavo-property-explore", max_examples=3000, deadline=None,
                          derandomize=False, print_blob=True)
PROPERTY = settings.get_profile(os.environ.get("OCTAVO_HYPOTHESIS_PROFILE", "octavo-property"))
