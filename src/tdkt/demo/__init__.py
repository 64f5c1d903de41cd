"""The demo dataset: a fictional provincial emulation office, deterministic for a seed.

``plan`` generates everything in memory (no database, no clock); ``load`` writes it (the unit
tree through the domain functions, the volume in bulk); ``accounts`` makes one account per role.
The package sits at the top of the import flow: nothing in ``tdkt.org`` imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tdkt.demo.plan import Options, Plan, build_plan

if TYPE_CHECKING:
    from tdkt.demo.load import LoadResult

__all__ = ["Options", "Plan", "build_demo", "build_plan"]


def build_demo(
    *,
    seed: int = 2025,
    people: int = 400,
    years: int = 15,
    progress: Callable[[str], None] | None = None,
) -> tuple[Plan, LoadResult]:
    """Generate and load the demo; return the plan and the :class:`~.load.LoadResult`."""
    from tdkt.demo.load import load_plan

    plan = build_plan(Options(seed=seed, people=people, years=years))
    return plan, load_plan(plan, progress=progress)
