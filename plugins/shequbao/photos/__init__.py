"""Photos: responsive renditions, privacy-safe and cached. Knows nothing of MkDocs.

For every photo of the paper (front matter ``images`` and the photos shown in article texts)
a build publishes renditions at a few widths (never upscaled) as WebP, and the largest also
as JPEG (for the lightbox, og:image and browsers without WebP), with the EXIF orientation
applied, colours converted to sRGB and *all* metadata (EXIF/GPS, XMP, ICC, comments) dropped.
The original itself is never published.

- ``refs``: which photos (every use, with its place for messages);
- ``render``: one photo's renditions, in a worker process;
- ``process``: all of them, from the cache or rendered in a pool;
- ``markup``: ``<picture>`` HTML and the Markdown extension for photos in texts.

Published paths mirror the original: ``issues/<id>/images/dianti.jpg`` becomes
``issues/<id>/images/dianti-480.webp``, ``…-960.webp``, ``…-1500.webp`` and ``…-1500.jpg``.
"""

from .markup import BodyImages, PageImages, lightbox_html, link_from, picture_html, resolve_body_src
from .process import ImageSet, ImageStats, Photo, Rendition, process_photos, refusal_message
from .refs import PhotoRef, collect_refs, find_body_images, is_original
from .render import ImageSettings, Job, Reason, Refused, Rendered, init_worker, render, target_widths

__all__ = [
    "BodyImages", "ImageSet", "ImageSettings", "ImageStats", "Job", "PageImages", "Photo", "PhotoRef", "Reason",
    "Refused", "Rendered", "Rendition", "collect_refs", "find_body_images", "init_worker", "is_original",
    "lightbox_html", "link_from", "picture_html", "process_photos", "refusal_message", "render", "resolve_body_src",
    "target_widths",
]
