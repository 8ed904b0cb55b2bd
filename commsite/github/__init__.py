"""A hub on GitHub: the workflows that publish it and take contributions, the issue forms, and from-issue."""
