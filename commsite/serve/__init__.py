"""The live preview: a local server that rebuilds on every save, and shows the pages of
the files just saved first."""
