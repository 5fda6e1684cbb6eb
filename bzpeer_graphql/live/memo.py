"""What the subscribers of one process read for one change, read once: values kept per change
(its event id) for the newest few changes, made by the first subscriber that asks."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

#: changes whose values are kept (a subscriber further behind reads for itself)
KEPT = 64


class ChangeMemo:
    """Values computed for a change, by key, shared by every subscriber of this process."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._by_change: OrderedDict[str, dict[Hashable, Any]] = OrderedDict()
        #: values made (not found): one per change and key while subscribers keep up
        self.made = 0

    def of(self, event_id: str) -> dict[Hashable, Any]:
        """The values kept for change `event_id` (an empty dict the first time)."""
        values = self._by_change.get(event_id)
        if values is None:
            values = self._by_change[event_id] = {}
            while len(self._by_change) > self.kept:
                self._by_change.popitem(last=False)
        return values

    def holds(self, event_id: str) -> bool:
        """Whether some value was made for change `event_id` (and is still kept)."""
        return bool(self._by_change.get(event_id))

    def value(self, event_id: str, key: Hashable, make: Callable[[], T]) -> T:
        """The value of `key` for the change: made by the first to ask, the same for the rest."""
        values = self.of(event_id)
        if key not in values:
            values[key] = make()
            self.made += 1
        return values[key]  # type: ignore[no-any-return]

    async def once(self, event_id: str, key: Hashable, make: Callable[[], Awaitable[T]]) -> T:
        """The result of `make()` for the change, run once: the first to ask starts it (in a task
        of its own, so that its going away does not cancel it), the others await the same."""
        task: asyncio.Future[T] = self.value(event_id, key, lambda: asyncio.ensure_future(make()))
        return await asyncio.shield(task)
