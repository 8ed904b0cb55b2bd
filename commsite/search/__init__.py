"""Search: the documents of a hub's pages, and the Pagefind index made of them."""
