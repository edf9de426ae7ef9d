"""Bad content an editor may commit, one case per entry of :data:`cases.CASES` (see test_bad_content.py)."""
