"""jsonschema's checker of the ``iri`` formats, built when first used.

What civicnb relies on (checked with jsonschema 4.26, rfc3987-syntax 1.1): when
``jsonschema`` is imported, its format module runs
``from rfc3987_syntax import is_valid_syntax`` (if that package is installed) and calls
it only to check an ``iri`` or ``iri-reference`` string. Importing ``rfc3987_syntax``
builds a Lark Earley parser of RFC 3987's grammar: about 0.8 s of CPU (1.7 s on a
loaded machine) in every process that imports nbformat, so papermill, before the first
notebook is written. civicnb's schemas (nbformat's, the framework's, the workbook's)
have no ``iri`` format.

:func:`defer_iri_parser` puts a stand-in for ``rfc3987_syntax`` in :data:`sys.modules`
before jsonschema is imported: its ``is_valid_syntax`` (and any other name asked of it)
imports the real package then, and answers as it does. The same checks, the parser
built only if an IRI is ever checked. Imports nothing from Jupyter.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = ["defer_iri_parser"]

MODULE = "rfc3987_syntax"

_lock = threading.Lock()


class _Deferred(types.ModuleType):
    """``rfc3987_syntax`` until one of its names is used; then the real module's names."""

    def __init__(self, name: str, search: list[str] | None) -> None:
        super().__init__(name)
        if search is not None:
            self.__path__ = search  # its submodules import as usual

        def is_valid_syntax(*args: Any, **kwargs: Any) -> Any:
            return self._real().is_valid_syntax(*args, **kwargs)

        self.is_valid_syntax = is_valid_syntax

    def _real(self) -> types.ModuleType:
        with _lock:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            return importlib.import_module(self.__name__)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)


def defer_iri_parser() -> None:
    """Install the stand-in, unless jsonschema or rfc3987_syntax is imported already
    (too late to matter) or rfc3987_syntax is not installed (nothing to defer)."""
    with _lock:
        if MODULE in sys.modules or "jsonschema" in sys.modules:
            return
        spec = importlib.util.find_spec(MODULE)
        if spec is None:
            return
        search = spec.submodule_search_locations
        sys.modules[MODULE] = _Deferred(MODULE, list(search) if search is not None else None)
