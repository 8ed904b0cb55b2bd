"""commsite: a static-site generator for community hubs.

The public API is what the CLI uses: ``build``, ``check`` and the errors they raise.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import Built, Checked, build, check
from .errors import BuildFailed, CommsiteError, ContentError, format_error

__all__ = ["BuildFailed", "Built", "Checked", "CommsiteError", "ContentError", "build", "check", "format_error"]
