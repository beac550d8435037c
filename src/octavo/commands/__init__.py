"""octavo's commands beyond build/check/normalize, one module each, and the shared options.

`OctavoGroup` gives every command registered on it (now or by a later module) the global
options -q/--quiet, -v/--verbose and --color, so no command repeats them.
"""
