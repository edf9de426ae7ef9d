"""argparse in Chinese: its own words (usage, options, errors) through its gettext hooks.

argparse looks up every message it prints with ``gettext``; :func:`install` points those
look-ups at the table below, so ``shequbao --help`` and a mistyped command read in Chinese
from the first line to the last. Messages not in the table stay as argparse wrote them.
"""

from __future__ import annotations

import argparse
import re

MESSAGES = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "必须写的参数",
    "show this help message and exit": "显示这段说明，然后退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：出错了：%(message)s\n（加 -h 看用法，例如 ./sqb -h）\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必须写的参数：%s",
    "unrecognized arguments: %s": "不认识这些参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "不认识“%(value)s”，可以写：%(choices)s",  # 3.11: repr
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的%(type)s",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能和 %s 一起用",
    "one of the arguments %s is required": "%s 至少要写一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "多余的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这个命令，可以用：%(choices)s",
}
PLURALS = {"expected %s argument": "后面要写 %s 个值", "expected %s arguments": "后面要写 %s 个值"}
TYPE_NAMES = {"int": "整数", "fromisoformat": "日期（写成 YYYY-MM-DD）", "float": "数字"}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, chosen)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose type errors name the type in Chinese (“不是有效的整数”) and whose
    section headings end with a full-width colon (选项：)."""

    def error(self, message: str):
        super().error(re.sub(r"'([^']*)'", r"\1", message))  # check、build, not 'check', 'build'

    def format_help(self) -> str:
        return re.sub(r"^(\S[^\n]*?):$", r"\1：", super().format_help(), flags=re.M)

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            name = getattr(action.type, "__name__", "")
            if name in TYPE_NAMES:
                raise argparse.ArgumentError(action, f"“{arg_string}”不是有效的{TYPE_NAMES[name]}") from None
            raise


def install() -> None:
    """Make argparse speak Chinese (for every parser made after this, and their messages)."""
    argparse._ = translate
    argparse.ngettext = translate_plural
