"""Incremental builds around MkDocs' rendering: the page cache, the scan process that reads every
written page (links, search index), the build's last steps, and the site folder updated only on success."""
