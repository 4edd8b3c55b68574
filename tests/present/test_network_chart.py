"""The co-mention network's labels do not collide, even where the layout crowds its nodes."""

from __future__ import annotations

import itertools

from workbench.present.charts.network import _label_box, _without_collisions


def _overlaps(position, labels, sizes) -> list[tuple[str, str]]:
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    unit = (max(max(xs) - min(xs), 0.5) * 1.6 / 900, max(max(ys) - min(ys), 0.5) * 1.24 / 640)
    boxes = {a: _label_box(position, a, labels[a], unit, sizes[a]) for a in position}
    return [
        (a, b)
        for a, b in itertools.combinations(sorted(position), 2)
        if min(boxes[a][2], boxes[b][2]) > max(boxes[a][0], boxes[b][0])
        and min(boxes[a][3], boxes[b][3]) > max(boxes[a][1], boxes[b][1])
    ]


def test_crowded_nodes_are_moved_apart_until_no_labels_overlap():
    names = [f"Invented Ministry of Affairs {i}" for i in range(12)] + ["Mayor", "Council"]
    crowded = {n: [0.01 * (i % 4), 0.01 * (i // 4)] for i, n in enumerate(names)}
    labels = {n: n[:28] for n in names}
    sizes = {n: 10 + 3 * i for i, n in enumerate(names)}
    assert _overlaps(crowded, labels, sizes)
    spread = _without_collisions(crowded, labels, sizes=sizes)
    assert _overlaps(spread, labels, sizes) == []
    assert spread == _without_collisions(crowded, labels, sizes=sizes)  # the same every run
    assert crowded["Mayor"] == [0.0, 0.03]  # the input is not changed
