"""commsite's version: what the package index, the cache and generated files name."""

__version__ = "0.1.0"
