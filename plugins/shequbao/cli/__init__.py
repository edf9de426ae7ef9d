"""The ``shequbao`` command (``./sqb``): check, new, print, import, publish, init, build; argparse in Chinese.
An adapter: it may use the MkDocs adapter to read mkdocs.yml."""
