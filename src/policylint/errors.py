"""Input errors: input that cannot be read at all. They end the run with exit status 2."""

from __future__ import annotations


class InputError(Exception):
    """Unreadable or malformed input, with the place where reading stopped."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"


class UsageError(Exception):
    """A command line or configuration that cannot be carried out (exit status 2)."""
