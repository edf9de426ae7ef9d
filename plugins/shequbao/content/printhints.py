"""The editors' hints for the print layout in an article's front matter: ``print:`` (weight,
columns, photo_columns, jump, filler) and ``images[].focus``. Read by the loader, used by ``print/``."""

from __future__ import annotations

from ..model import WEIGHTS, PrintHints

PRINT_FIELDS = ("weight", "columns", "photo_columns", "jump", "filler")


def print_fields(data: dict, check) -> tuple[PrintHints, tuple[tuple[float, float] | None, ...]]:
    """The editor's print hints (``print:``) and each image's ``focus``, checked; ``check`` is the
    loader's checker of this file (problems named by field, with an example of what to write)."""
    value = data.get("print")
    hints = PrintHints()
    if isinstance(value, dict):
        check.unknown_fields(value, PRINT_FIELDS, ("print",))
        weight = value.get("weight")
        if weight is not None and weight not in WEIGHTS:
            check.add(("print", "weight"), f"“{weight}”不是可用的分量，请写 lead（头条）、normal（一般）或 minor（次要），例如 weight: lead")
            weight = None
        columns = check.integer(value, "columns", prefix=("print",))
        photo_columns = check.integer(value, "photo_columns", prefix=("print",))
        for key, number in (("columns", columns), ("photo_columns", photo_columns)):
            if number is not None and number > 8:
                check.add(("print", key), f"栏数应在 1 到 8 之间，这里是 {number}，例如 {key}: 2")
        jump = value.get("jump", True)
        if not isinstance(jump, bool):
            check.add(("print", "jump"), f"应当是 true 或 false，例如 jump: false，这里是“{jump}”")
            jump = True
        filler = value.get("filler", False)
        if not isinstance(filler, bool):
            check.add(("print", "filler"), f"应当是 true 或 false，例如 filler: true（备用稿：版面有空才印），这里是“{filler}”")
            filler = False
        hints = PrintHints(weight, columns if (columns or 0) <= 8 else None,
                           photo_columns if (photo_columns or 0) <= 8 else None, jump, filler)
    elif value is not None:
        check.add("print", "应当写成“字段: 值”，例如\n  print:\n    weight: lead\n    columns: 2")
    focus = []
    for index, entry in enumerate(data.get("images") if isinstance(data.get("images"), list) else ()):
        point = entry.get("focus") if isinstance(entry, dict) else None
        if point is not None and not (isinstance(point, list) and len(point) == 2
                                      and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in point)):
            check.add(("images", index, "focus"), f"应当是两个 0 到 1 之间的数 [左右, 上下]，例如 focus: [0.5, 0.3]，这里是“{point}”")
            point = None
        focus.append(tuple(float(v) for v in point) if point is not None else None)
    return hints, tuple(focus)
