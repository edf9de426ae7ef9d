"""Our Python-Markdown extensions: links in linear time, readers' typesetting, raw HTML sanitised, excerpts."""
