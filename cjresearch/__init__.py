"""cjresearch: customer-journey research toolkit.

The package is laid out in rooms, in the order the data flows (see the README):
``core`` (the ground floor), ``journey``, ``inputs``, ``engine``, ``survey``,
``timetoevent``, ``painpoints``, ``charts``, ``report`` and ``sample``.
"""

from cjresearch import _moved

__version__ = "0.2.0"
__all__ = ["__version__"]

_moved.install()
