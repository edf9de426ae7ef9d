"""Files of ``content/`` → the model, with every problem collected as ``path:line: field: message``:
what leaves ``content/``, safe YAML and front matter, fields, people, names, dates, slugs, hints."""
