"""Reading a hub's files: finding them (discover), their front matter and Markdown, and
site.yaml; the fields they may have and the reader that checks them."""
