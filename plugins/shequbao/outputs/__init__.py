"""What a build makes besides pages: RSS feeds, the sitemap, the link check, the search index (Pagefind)."""
