"""Every kind of page has a cache-key recipe, and the recipe covers what its template reads.

The guard against stale pages: a real build renders every page of the fixture while each
view's dataclasses record the fields read of them (by the templates and the helpers they call).
Then each field read is changed in a copy of the view, and the page's key must change with it:
a field a template shows but the recipe leaves out would publish a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import FIXTURES, build, make_photo
from shequbao.mkdocs.plugin import ShequbaoPlugin
from shequbao.site.keys import page_key
from shequbao.site.kinds import KINDS, Kind




def test_every_kind_has_a_record_and_a_recipe_or_a_reason():
    assert set(KINDS) == set(Kind)
    for kind, record in KINDS.items():
        assert record.kind is kind
        assert record.recipe is not None or record.uncached, f"{kind}: no recipe and no reason why"
        assert record.template or kind is Kind.PAGE


def _walk(view) -> dict[int, object]:
    """id → object, for every dataclass reachable from ``view`` (through fields, tuples, lists)."""
    found: dict[int, object] = {}
    stack = [view]
    while stack:
        value = stack.pop()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if id(value) in found:
                continue
            found[id(value)] = value
            stack += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, (tuple, list)):
            stack += list(value)
    return found


def _changed(value):
    """Another value of the same type, or None when there is no obvious one."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum) or value is None:
        return None
    if isinstance(value, str):
        return value + "※"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.5
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, Path):
        return value.with_name(value.name + "x")
    if isinstance(value, tuple) and value:
        return (value[-1], *value)  # one thing more in front: every one a place further on
    return None


def _replace(value, target: int, field: str, new, memo: dict):
    """``value`` with the object of id ``target`` (wherever it sits) having ``field`` = ``new``."""
    if id(value) in memo:
        return memo[id(value)]
    result = value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            repl = new if (id(value) == target and f.name == field) else _replace(old, target, field, new, memo)
            if repl is not old:
                changes[f.name] = repl
        if changes:
            result = _copy_with(value, changes)
    elif isinstance(value, tuple):
        items = [_replace(v, target, field, new, memo) for v in value]
        if any(a is not b for a, b in zip(items, value)):
            result = tuple(items)
    memo[id(value)] = result
    return result


def _copy_with(obj, changes: dict):
    """``dataclasses.replace`` that also works for fields not in ``__init__``."""
    init = {f.name: changes[f.name] for f in dataclasses.fields(obj) if f.init and f.name in changes}
    copy = dataclasses.replace(obj, **init)
    for name, value in changes.items():
        if name not in init:
            object.__setattr__(copy, name, value)
    return copy


def _property_code() -> set:
    """The code of every property of the model and the views (``Article.display_title`` …)."""
    from shequbao import model
    from shequbao.site import epaper, gallery, people, text, views

    return {attr.fget.__code__ for module in (model, views, text, gallery, people, epaper) for cls in vars(module).values()
            if isinstance(cls, type) for attr in vars(cls).values() if isinstance(attr, property)}


PROPERTIES = _property_code()


def _by_a_template(frame) -> bool:
    """Whether the code reading a field is a template: directly, through Jinja's getattr, or
    through a property of the model or a view (``display_title`` reads ``title``). A helper of
    ours that looks a thing up by its fields does not show them."""
    while frame is not None and ("jinja2" in frame.f_code.co_filename or frame.f_code in PROPERTIES):
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename.endswith(".html")


class _Recorder:
    """Records ``(id(obj), field)`` for every dataclass field a template reads while ``on`` (by
    patching the dataclasses' ``__getattribute__``)."""

    def __init__(self):
        self.reads: set[tuple[int, str]] = set()
        self.on = False
        self.patched: list[tuple[type, object]] = []

    def watch(self, classes) -> None:
        for cls in classes:
            if cls in (c for c, _ in self.patched):
                continue
            names = {f.name for f in dataclasses.fields(cls)}
            original = cls.__getattribute__
            recorder = self

            def getter(obj, name, _original=original, _names=names):
                if recorder.on and name in _names and _by_a_template(sys._getframe(1)):
                    recorder.reads.add((id(obj), name))
                return _original(obj, name)

            self.patched.append((cls, cls.__dict__.get("__getattribute__")))
            cls.__getattribute__ = getter

    def close(self) -> None:
        for cls, before in self.patched:
            if before is None:
                del cls.__getattribute__
            else:
                cls.__getattribute__ = before


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every page of the fixture (print edition on), with the view fields its rendering read."""
    tmp = tmp_path_factory.mktemp("recipes")
    project = tmp / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    config = project / "mkdocs.yml"  # its 版 are far from full: a note, not a warning that stops the build
    config.write_text(config.read_text(encoding="utf-8").replace("      paper_publisher:", "      print_underfull: note\n      paper_publisher:"),
                      encoding="utf-8")
    make_photo(project / "content/issues/2023-05/images/dianti.jpg")
    make_photo(project / "content/issues/2023-05/images/huayuan.jpg", (60, 140, 80))
    recorder, pages, held = _Recorder(), {}, {}
    on_context, on_post = ShequbaoPlugin.on_page_context, ShequbaoPlugin.on_post_page

    def page_context(self, context, *, page, config, nav):
        context = on_context(self, context, page=page, config=config, nav=nav)
        planned = self._site.get(page.file.src_uri) if self._site else None
        if planned is not None and planned.view is not None:
            objects = _walk(planned.view)
            recorder.watch({type(o) for o in objects.values()})
            recorder.reads = set()
            recorder.on = True
            pages[planned.src] = (planned, objects)
        held["inputs"] = self._cache.inputs
        return context

    def post_page(self, output, *, page, config):
        if recorder.on and page.file.src_uri in pages:
            planned, objects = pages[page.file.src_uri]
            pages[page.file.src_uri] = (planned, objects, set(recorder.reads))
        recorder.on = False
        return on_post(self, output, page=page, config=config)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHEQUBAO_CACHE_DIR", str(tmp / "cache"))
        patch.setattr(ShequbaoPlugin, "on_page_context", page_context)
        patch.setattr(ShequbaoPlugin, "on_post_page", post_page)
        try:
            build(project, pdf=True)
        finally:
            recorder.close()
    return {src: entry for src, entry in pages.items() if len(entry) == 3}, held["inputs"]


def test_the_build_renders_every_kind_with_a_view(rendered):
    pages, _inputs = rendered
    kinds = {planned.kind for planned, _objects, _reads in pages.values()}
    assert kinds >= {k for k, record in KINDS.items() if record.view is not None} - {Kind.HOME}


def test_every_field_a_template_reads_is_in_its_pages_key(rendered):
    pages, inputs = rendered
    missing = defaultdict(set)
    for src, (planned, objects, reads) in sorted(pages.items()):
        if KINDS[planned.kind].recipe is None:
            continue
        key = page_key(planned, inputs)
        for target, field in sorted(reads, key=lambda r: (type(objects.get(r[0])).__name__, r[1])):
            obj = objects.get(target)
            if obj is None:
                continue  # not part of this page's view (a person, a photo set …): keyed by their own parts
            new = _changed(getattr(obj, field))
            if new is None:
                continue
            view = _replace(planned.view, target, field, new, {})
            try:
                changed_key = page_key(dataclasses.replace(planned, view=view), inputs)
            except (ValueError, KeyError, IndexError):  # the change broke the view's own invariants
                continue
            if changed_key == key:
                missing[planned.kind].add(f"{type(obj).__name__}.{field}")
    assert not missing, "templates read what the page's key leaves out: " + "; ".join(
        f"{kind}: {', '.join(sorted(fields))}" for kind, fields in sorted(missing.items()))
