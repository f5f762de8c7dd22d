"""How much a training chunk asks for (gui.chunk_pacing): steps that fill the chunk's time,
and decision regions on the first chunk, on the last, and in between only when due."""

import pytest

from gui.chunk_pacing import CHUNK_S, REGION_INTERVAL_S, ChunkPacer


def _measured(rate=10_000.0, point_cost=1e-6):
    """A pacer that has measured a few chunks: `rate` steps a second, regions at `point_cost`
    seconds a point, no overhead."""
    pacer = ChunkPacer()
    pacer.rate, pacer.point_cost, pacer.last_steps, pacer.grid = rate, point_cost, 10**6, 32
    return pacer


def test_the_first_chunk_is_one_step_with_the_regions_of_a_two_d_task():
    pacer = ChunkPacer()
    assert pacer.next_chunk(500, two_d=True, first=True, now=0.0) == (1, pacer.grid)
    assert pacer.next_chunk(500, two_d=False, first=True, now=0.0) == (1, 0)


def test_regions_come_on_the_last_chunk_and_when_due_and_take_their_share_of_its_time():
    pacer = _measured()
    full = int(10_000 * CHUNK_S)
    region_s = 1e-6 * 32 * 32
    pacer.sent(32, now=0.0)            # the last chunk had regions: never twice in a row
    assert pacer.next_chunk(10**5, two_d=True, first=False, now=1.0) == (full, 0)
    pacer.sent(0, now=0.0)
    assert pacer.next_chunk(10**5, two_d=True, first=False, now=REGION_INTERVAL_S / 2) == (full, 0)
    steps, grid = pacer.next_chunk(10**5, two_d=True, first=False, now=REGION_INTERVAL_S)
    assert grid == 32 and steps == int(10_000 * (CHUNK_S - region_s)) < full
    steps, grid = pacer.next_chunk(40, two_d=True, first=False, now=REGION_INTERVAL_S / 2)
    assert (steps, grid) == (40, 32)   # the last chunk of the training (or of a Step)
    assert pacer.next_chunk(10**5, two_d=False, first=False, now=1.0) == (full, 0)


def test_a_chunk_grows_at_most_fourfold():
    pacer = _measured()
    pacer.last_steps = 10
    assert pacer.next_chunk(10**5, two_d=False, first=False, now=0.0) == (40, 0)


@pytest.mark.parametrize("left", [1, 3])
def test_a_chunk_never_runs_past_the_end(left):
    assert _measured().next_chunk(left, two_d=False, first=False, now=0.0) == (left, 0)
