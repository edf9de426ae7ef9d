"""Full-text search with Pagefind: the index in parts, made while pages render, reproducible."""
