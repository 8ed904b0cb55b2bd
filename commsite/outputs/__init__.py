"""The plan stage and what it plans: every file a build writes (plan.py), the formats
table (formats.py) and the makers of what no template makes: calendars, feeds, data
files, the sitemap. The link check reads the plan too."""
