"""shequbao: a static-site generator for Chinese community newspapers (社区报)."""

__version__ = "0.1.0"
