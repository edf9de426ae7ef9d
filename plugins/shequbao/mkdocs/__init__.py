"""The MkDocs adapter, the only code that imports MkDocs or Material: the plugin's events, its options
and the settings read from mkdocs.yml, the rules a site needs from mkdocs.yml and the theme, the preview."""
