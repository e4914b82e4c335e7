"""'Mijn netwerk': everyone who joined through me, and through them, in one query.

The tree follows users.invited_by_id. A recursive CTE walks it in the database, so a page with a
thousand people still costs one query, not one per person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa

from community.accounts.models import User
from community.extensions import db

# invited_by cannot form a cycle through the site, but a hand-edited row could; stop walking here.
MAX_DEPTH = 50


@dataclass
class NetworkNode:
    user: User
    depth: int
    children: list[NetworkNode] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Everyone below this person."""
        return sum(1 + child.size for child in self.children)


@dataclass
class Network:
    roots: list[NetworkNode]
    per_level: list[int]  # per_level[0]: invited by me, per_level[1]: invited by them, ...

    @property
    def total(self) -> int:
        return sum(self.per_level)


def invitation_network(user: User) -> Network:
    tree = (
        sa.select(User.id.label("id"), sa.literal(1).label("depth"))
        .where(User.invited_by_id == user.id)
        .cte("tree", recursive=True)
    )
    below = sa.select(User.id, (tree.c.depth + 1).label("depth")).join(
        tree, User.invited_by_id == tree.c.id
    )
    tree = tree.union_all(below.where(tree.c.depth < MAX_DEPTH))
    rows = db.session.execute(
        sa.select(User, tree.c.depth)
        .join(tree, User.id == tree.c.id)
        .order_by(tree.c.depth, User.name, User.id)
    ).all()

    nodes: dict[int, NetworkNode] = {}
    for member, depth in rows:
        if member.id not in nodes:  # a cycle would bring someone back deeper down
            nodes[member.id] = NetworkNode(member, depth)
    roots: list[NetworkNode] = []
    for node in nodes.values():
        parent = nodes.get(node.user.invited_by_id)
        if node.depth == 1 or parent is None:
            roots.append(node)
        elif parent.depth < node.depth:
            parent.children.append(node)
    levels = Counter(node.depth for node in nodes.values())
    per_level = [levels[d] for d in range(1, max(levels, default=0) + 1)]
    return Network(roots=roots, per_level=per_level)
