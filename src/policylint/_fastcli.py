"""Typer commands that skip typer's general-purpose value coercion where it adds nothing.

Kept apart from ``cli.py`` (which stays a thin list of commands): this is a start-up
optimisation that reaches into typer's coercion layer, guarded so that a typer without that
layer, or with one of another shape, runs exactly as typer would. ``tests/test_startup.py``
compares the results and the error messages with typer's own path.
"""

from __future__ import annotations

from typing import get_args, get_origin

from typer.core import TyperCommand, TyperGroup


def _skip_coercion(params) -> None:
    """Let the parameters of a command skip typer's general-purpose coercion where it adds nothing.

    Recent typer versions coerce every parameter value through a pydantic ``TypeAdapter``
    that is built before the value is looked at, so the first parameter of any run imports
    pydantic: about 80 ms of every pre-commit run. policylint's options are text, lists of
    text, flags and one number, and what typer makes of them is plain: an option not given
    stays None (typer's own rule, unchanged here), a text stays the text and a list of texts
    becomes a list. Those values are taken as they are; any other value (``--minor-age 15``)
    goes through typer's own coercion, built on first use, so its results and its error
    messages are typer's. Typer versions without that layer are left as they are.
    """
    runtime = _text_first()
    if runtime is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        try:
            param._runtime_param = runtime(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        except TypeError:  # a typer whose coercion layer has changed shape: leave it to typer
            return


_TEXT_FIRST: list = []


def _text_first():
    """The runtime-parameter class for :func:`_skip_coercion`, or None for a typer without one."""
    if not _TEXT_FIRST:
        try:
            from typer._coercion import RuntimeParam, build_runtime_param
        except ImportError:
            _TEXT_FIRST.append(None)
        else:

            class TextFirst(RuntimeParam):
                """Text and lists of text as they are; any other value through typer's coercion."""

                def _coerce_value(self, value, param, ctx):
                    if self.annotation is str and type(value) is str:
                        return value
                    if _is_text_list(self.annotation) and isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
                        return list(value)
                    param._runtime_param = build_runtime_param(param.type_descriptor)
                    return param._runtime_param._coerce_value(value, param=param, ctx=ctx)

            _TEXT_FIRST.append(TextFirst)
    return _TEXT_FIRST[0]


def _is_text_list(annotation) -> bool:
    return get_origin(annotation) is list and get_args(annotation) == (str,)


class Command(TyperCommand):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _skip_coercion(self.params)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        _skip_coercion([option] if option is not None else [])
        return option


class Group(TyperGroup):
    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        _skip_coercion([option] if option is not None else [])
        return option
