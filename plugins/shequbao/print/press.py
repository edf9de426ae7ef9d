"""The PDF for the print shop (``--bleed``), post-processed with pikepdf where Typst cannot:

- **Boxes.** Typst 0.15 sets one page size (the MediaBox) and writes no TrimBox or BleedBox;
  here every page gets a TrimBox (the trim size), a BleedBox (3 mm around it) and keeps the
  MediaBox around both, with the crop marks in the slug between bleed and media edge.
- **Overprint.** Typst sets colours (``cmyk(…)`` → ``k``/``K`` operators) but has no overprint
  setting. Every time the fill or the stroke colour becomes 100% K (``0 0 0 1 k``), an
  ExtGState with ``/op`` (fill) or ``/OP`` (stroke) true and ``/OPM 1`` is set, and unset when
  the colour changes, so black text and rules overprint and nothing else does (photos are
  drawn with overprint off). Form XObjects are treated the same way.
"""

from __future__ import annotations

import io

STATES = {(f, s): f"/SQBop{int(f)}{int(s)}" for f in (False, True) for s in (False, True)}
FILL_OPS = {"k": True, "rg": False, "g": False, "sc": False, "scn": False, "cs": False}
STROKE_OPS = {"K": True, "RG": False, "G": False, "SC": False, "SCN": False, "CS": False}
PAINT_IMAGES = ("Do", "sh", "BI")


def for_press(data: bytes, trim: tuple[float, float], offset: float, bleed: float) -> bytes:
    """``data`` (a Typst PDF whose pages are the trim size plus ``offset`` pt on each side) with
    TrimBox, BleedBox (``bleed`` pt beyond the trim) and black set to overprint."""
    import pikepdf

    width, height = trim
    with pikepdf.open(io.BytesIO(data)) as pdf:
        states = {name: pdf.make_indirect(_state(pdf, f, s)) for (f, s), name in STATES.items()}
        done: set = set()
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array([offset, offset, offset + width, offset + height])
            page.obj.BleedBox = pikepdf.Array([offset - bleed, offset - bleed, offset + width + bleed,
                                               offset + height + bleed])
            _overprint(pdf, page.obj, states, done)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def _state(pdf, fill: bool, stroke: bool):
    import pikepdf

    return pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=fill, OP=stroke, OPM=1)


def _overprint(pdf, holder, states: dict, done: set) -> None:
    """Rewrite the content of ``holder`` (a page or a Form XObject), then of its forms."""
    import pikepdf

    key = holder.objgen
    if key != (0, 0) and key in done:
        return
    done.add(key)
    resources = holder.get("/Resources")
    if resources is None:
        resources = holder.Resources = pikepdf.Dictionary()
    ext = resources.get("/ExtGState")
    if ext is None:
        ext = resources.ExtGState = pikepdf.Dictionary()
    for name, state in states.items():
        ext[name] = state
    ops = pikepdf.parse_content_stream(holder)
    rewritten = pikepdf.unparse_content_stream(_with_overprint(ops))
    if isinstance(holder, pikepdf.Stream):
        holder.write(rewritten)
    else:
        pikepdf.Page(holder).contents_coalesce()
        holder.Contents.write(rewritten)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            _overprint(pdf, xobject, states, done)


def _with_overprint(ops) -> list:
    """The operators with ``gs`` set after every colour change (and off around images)."""
    import pikepdf

    out, stack = [], []
    fill = stroke = False

    def state(f, s):
        return pikepdf.ContentStreamInstruction([pikepdf.Name(STATES[(f, s)])], pikepdf.Operator("gs"))

    for instruction in ops:
        op = str(instruction.operator)
        if op in PAINT_IMAGES and (fill or stroke):
            out += [state(False, False), instruction, state(fill, stroke)]
            continue
        out.append(instruction)
        if op == "q":
            stack.append((fill, stroke))
        elif op == "Q" and stack:
            fill, stroke = stack.pop()  # the saved graphics state brings its ExtGState back too
        elif op in FILL_OPS or op in STROKE_OPS:
            black = _is_black(instruction) if (FILL_OPS.get(op) or STROKE_OPS.get(op)) else False
            if op in FILL_OPS:
                fill = black
            else:
                stroke = black
            out.append(state(fill, stroke))
    return out


def _is_black(instruction) -> bool:
    values = [float(v) for v in instruction.operands]
    return len(values) == 4 and values[:3] == [0.0, 0.0, 0.0] and values[3] == 1.0
