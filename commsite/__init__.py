"""commsite: a static-site generator for community hubs.

The public API is what the CLI uses: ``build``, ``check`` and the errors they raise.
"""

from __future__ import annotations

from .build import Built, Checked, build, check
from .errors import BuildFailed, CommsiteError, ContentError, format_error
from .version import __version__

__all__ = [
    "BuildFailed",
    "Built",
    "Checked",
    "CommsiteError",
    "ContentError",
    "__version__",
    "build",
    "check",
    "format_error",
]
