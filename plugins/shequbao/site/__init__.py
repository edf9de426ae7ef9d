"""Which pages the paper has and what each shows: the kinds of page (with their cache-key recipes), the
registry of pages and paths, the views, the template context, the strings printed in several places."""
