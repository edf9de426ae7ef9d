"""mkdocs"""
