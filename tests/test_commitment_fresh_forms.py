"""Forms of news that look like commitments and are not, seen first on fresh real text (issue 13,
precision, real set round seven): a fault told with "is to" ("is to blame"), a pledge denied
("was not committed to"), a threat hung on a condition ("without which it would close"), an
exhortation to keep a pledge ("encouraged them to honour their commitment"), acts of force done
("pledged to carry out more attacks"), a meeting set ("is due to close its discussions"). Sentences written
for these tests; each must-not-fire sentence has a twin of the same shape that still binds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docket.record import Record

NOT_BOUND_AND_BOUND = [
    (  # "be to" + blame is a judgement of fault, not an act set for a side
        "Officials said Norway is to blame for the delays at the border.",
        "Officials said Norway is to reopen the border by June.",
    ),
    (  # a pledge denied on the adjective ("was not committed"), as on the verb
        "Jens Halvorsen said he was not committed to introducing the bill by Christmas.",
        "Jens Halvorsen said he committed to introducing the bill by Christmas.",
    ),
    (  # what a side would do failing a condition ("without which") is a threat
        "Halvard Mining wants wage concessions, without which it has said it would close the Tromso"
        " plant by 2027.",
        "Halvard Mining has said it would close the Tromso plant by 2027.",
    ),
    (  # urged by another side to keep a pledge: the pledge is the other side's ask here
        "The African Union encouraged Norway and Sweden to honour their commitment to open the border"
        " by June.",
        "Norway and Sweden made a commitment to open the border by June.",
    ),
    (  # acts of force done through a verb of doing ("carry out more attacks") are threats
        "On Sunday, the Northern Front pledged to carry out more attacks.",
        "On Sunday, the Northern Front pledged to halt its attacks by June.",
    ),
    (  # a verb of time said of a meeting: the meeting merely set
        "The Nordic Council is due to close its discussions on June 12.",
        "The Nordic Council is due to close its offices on June 12.",
    ),
]


@pytest.mark.parametrize(("not_bound", "bound"), NOT_BOUND_AND_BOUND)
def test_a_fresh_form_that_binds_nobody_and_its_bound_twin(
    extract: Callable[..., Record], not_bound: str, bound: str
) -> None:
    rec = extract(not_bound, "2025-03-10")
    assert rec.commitments == [], rec.commitments
    rec = extract(bound, "2025-03-10")
    assert rec.commitments, bound
