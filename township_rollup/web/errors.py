"""A failed action or a refused request, said to the clerk in Chinese: a title, what happened, what to do."""

from __future__ import annotations


class WebError(Exception):
    """Rendered as the error page with `status`; the database is left as it was."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
