"""The render stage: templates in the theme's Jinja environment, the helpers they are
given, and the theme with its catalogue of UI strings."""
