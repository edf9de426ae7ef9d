"""PyYAML's (libyaml's) English error messages, said in Chinese with what to do.

An editor never sees ``did not find expected <document start>``: each common message is
matched here by its words (in libyaml's and in pure PyYAML's spelling) and explained; one
that is not known gets the general advice, still in Chinese.
"""

from __future__ import annotations

QUOTING = "请给整个值加上引号，例如 title: '开幕: 千人同乐'"
EXPLANATIONS = (
    ("document start", ("上面已经有一段完整的内容（例如一行 {} 或 []），后面的内容接不上去：请删掉那一行 {}（或 []），"
                        "或者删掉多出来的 ---")),
    ("single document", "文件里有两段内容（中间隔着一行 ---）：一个文件只能有一段，请删掉多余的 ---"),
    ("mapping values are not allowed", "这一行的冒号让 YAML 读不懂：值里有“: ”（冒号加空格）时，" + QUOTING
                                        + "，或把冒号改成全角“：”；如果是行首多了空格，请和上一行对齐"),
    ("could not find expected ':'", "这一行缺少“字段名: 值”中间的半角冒号（或者上一行的引号没有成对）：请写成 字段名: 值，冒号后面空一格"),
    ("expected '-' indicator", "列表没有对齐：列表的每一项以“- ”开头，各项前面的空格要一样多"),
    ("expected ',' or ']'", "方括号 [ ] 里的列表没有写完：各项之间用半角逗号隔开，最后用 ] 结束，例如 [陈玲, 张志举]"),
    ("expected ',' or '}'", "花括号 { } 没有写完：各项之间用半角逗号隔开，最后用 } 结束，例如 {page: 1, name: 要闻}"),
    ("expected key", ("这一行和上面对不齐，或者值写得不完整：同一层的字段前面的空格要一样多；"
                      "值以引号开头时，引号后面不能再有别的文字（有引号的值请整个用单引号括起来）")),
    ("expected <block end>", "这一行和上面对不齐：同一层的字段前面的空格要一样多"),
    ("block sequence entries are not allowed", "“- ”开头的列表项放错了地方：列表写在“字段名:”的下一行，前面空两格"),
    ("cannot start any token", "这一行的值以 YAML 的特殊符号开头（例如 @、`、%）：" + QUOTING),
    ("scanning a tag", "值以“!”开头时 YAML 会读错：" + QUOTING),
    ("undefined tag handle", "值以“!”开头时 YAML 会读错：" + QUOTING),
    ("alphabetic or numeric character", "值以 * 或 & 开头时 YAML 会读错：请给整个值加上引号，例如 title: '*重要*'"),
    ("block scalar", "值以 | 或 > 开头时 YAML 会读错：" + QUOTING),
    ("unknown escape character", "双引号里的反斜杠“\\”有特殊的意思：请改用单引号把这个值括起来，或删掉反斜杠"),
    ("expected node content", "这里缺少内容：例如列表里多了一个逗号（[陈玲, ]），或“- ”后面什么也没写"),
    ("unexpected end of stream", "引号没有成对：检查这一行及上面几行的引号，补上另一半"),
    ("quoted scalar", "引号没有成对：检查这一行及上面几行的引号，补上另一半"),
)
GENERAL = "请检查这一行：字段名后面是半角冒号加空格，同一层的字段对齐；值里有 : # [ ] { } ! 等符号时给整个值加上引号"


def explain(problem: str, context: str = "") -> str:
    """What an editor should do about a YAML error whose PyYAML ``problem`` (and ``context``)
    are given, in Chinese."""
    for words, advice in EXPLANATIONS:
        if words in problem or (words == "quoted scalar" and words in context):
            return advice
    for words, advice in EXPLANATIONS:
        if words in context:
            return advice
    return GENERAL
