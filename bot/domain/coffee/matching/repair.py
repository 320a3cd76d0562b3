"""Place the people greedy left over: augmenting paths first, then one group of three."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

Neighbours = Callable[[int], Iterable[int]]


def augment_all(mate: list[int], neighbours: Neighbours, keep: int, limit: int | None = None) -> None:
    """Grow the matching along augmenting paths until at most ``keep`` people are free.

    Edmonds' blossom search, so on the given graph the matching becomes maximum, unless a search
    gives up after ``limit`` neighbour checks (large pools, where a full search would be quadratic).
    """
    free = [v for v in range(len(mate)) if mate[v] < 0]
    left = len(free)
    for root in free:
        if left <= keep:
            return
        if mate[root] < 0 and _augment(mate, root, neighbours, limit):
            left -= 2


def _augment(mate: list[int], root: int, neighbours: Neighbours, limit: int | None) -> bool:
    end, parent = _find_path(mate, root, neighbours, limit)
    if end < 0:
        return False
    while end >= 0:
        previous = parent[end]
        after = mate[previous]
        mate[end], mate[previous] = previous, end
        end = after
    return True


def _find_path(
    mate: list[int], root: int, neighbours: Neighbours, limit: int | None
) -> tuple[int, dict[int, int]]:
    """Breadth-first alternating tree from ``root``; returns a free end vertex or -1."""
    checks = 0
    parent: dict[int, int] = {}
    base: dict[int, int] = {}
    members: dict[int, list[int]] = {}  # blossom base -> every vertex shrunk into it
    used = {root}
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for to in neighbours(v):
            checks += 1
            if limit is not None and checks > limit:
                return -1, parent
            if base.get(v, v) == base.get(to, to) or mate[v] == to:
                continue
            if to == root or (mate[to] >= 0 and mate[to] in parent):
                _contract(mate, parent, base, members, used, queue, v, to)
            elif to not in parent:
                parent[to] = v
                if mate[to] < 0:
                    return to, parent
                used.add(mate[to])
                queue.append(mate[to])
    return -1, parent


def _contract(mate, parent, base, members, used, queue, v: int, to: int) -> None:
    """Shrink the odd cycle closed by edge v-to into its base."""
    top = _common_base(mate, parent, base, v, to)
    blossom: set[int] = set()
    _mark(mate, parent, base, blossom, v, top, to)
    _mark(mate, parent, base, blossom, to, top, v)
    merged: list[int] = []  # top's own members already have base top and are in the queue
    for b in blossom - {top}:
        merged.extend(members.pop(b, [b]))
    members.setdefault(top, [top]).extend(merged)
    for i in merged:
        base[i] = top
        if i not in used:
            used.add(i)
            queue.append(i)


def _common_base(mate, parent, base, a: int, b: int) -> int:
    seen = set()
    while True:
        a = base.get(a, a)
        seen.add(a)
        if mate[a] < 0:
            break
        a = parent[mate[a]]
    while True:
        b = base.get(b, b)
        if b in seen:
            return b
        b = parent[mate[b]]


def _mark(mate, parent, base, blossom: set[int], v: int, top: int, child: int) -> None:
    while base.get(v, v) != top:
        blossom.add(base.get(v, v))
        blossom.add(base.get(mate[v], mate[v]))
        parent[v] = child
        child = mate[v]
        v = parent[mate[v]]
