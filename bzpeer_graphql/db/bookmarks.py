"""Causal consistency across replicas: the Neo4j bookmarks a client carries from one request to
the next (`X-Bzpeer-Bookmark`), so that any replica reads at least the state it wrote."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Final

from neo4j.api import AsyncBookmarkManager

#: the request and response header carrying bookmarks, comma-separated
HEADER: Final = "X-Bzpeer-Bookmark"
#: how many bookmarks a request may carry (one per database it wrote to is what a client needs)
MAX_BOOKMARKS = 8
#: the shape of one: Neo4j's are "FB:" and ~30 base64 characters; longer or other is refused
_SHAPE = re.compile(r"[A-Za-z0-9+/=:_-]{1,256}")


class BookmarkRefused(ValueError):
    """A header that is not a list of bookmarks."""


def parse(header: str | None) -> frozenset[str]:
    """The bookmarks of an `X-Bzpeer-Bookmark` header (none when it is absent or empty)."""
    if not header:
        return frozenset()
    values = [value.strip() for value in header.split(",") if value.strip()]
    if len(values) > MAX_BOOKMARKS:
        raise BookmarkRefused(f"at most {MAX_BOOKMARKS} bookmarks, not {len(values)}")
    for value in values:
        if not _SHAPE.fullmatch(value):
            raise BookmarkRefused("a bookmark is the value of a response's X-Bzpeer-Bookmark")
    return frozenset(values)


def header_value(bookmarks: Iterable[str]) -> str:
    """The header's value for `bookmarks`."""
    return ",".join(sorted(bookmarks))


class Carried(AsyncBookmarkManager):
    """One request's bookmarks: those its client sent back, and its viewer's when signed in.
    Its transactions wait for all of them; what they end with is kept for the response (and
    passed on to the viewer's own manager, so the viewer's next request waits for it too)."""

    def __init__(self, sent: Collection[str], viewer: AsyncBookmarkManager | None) -> None:
        self._own = set(sent)
        self._viewer = viewer
        self._ran = False

    async def get_bookmarks(self) -> Collection[str]:
        if self._viewer is None:
            return set(self._own)
        return self._own | set(await self._viewer.get_bookmarks())

    async def update_bookmarks(
        self, previous_bookmarks: Collection[str], new_bookmarks: Collection[str]
    ) -> None:
        self._own = (self._own - set(previous_bookmarks)) | set(new_bookmarks)
        self._ran = True
        if self._viewer is not None:
            await self._viewer.update_bookmarks(previous_bookmarks, new_bookmarks)

    @property
    def after(self) -> frozenset[str]:
        """The bookmarks of the state this request's transactions saw (none if none ran)."""
        return frozenset(self._own) if self._ran else frozenset()
