"""The link stage: items' references resolved once, into the site graph (site.py) that
every later stage reads: indexes, dates, months."""
