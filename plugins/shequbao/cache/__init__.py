"""What a build keeps in ``.cache/`` between builds: sealed entries of derived files (the store) and
the memo of what was made of texts. The lowest layer beside the model: every stage may keep things here."""
