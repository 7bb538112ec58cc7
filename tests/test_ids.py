"""IdSet: the compact set of touchpoint ids the journey index holds."""

from __future__ import annotations

import pytest

from journeyctl.model.ids import IdSet


@pytest.mark.parametrize("ids", [
    [], ["a"], ["b", "a", "b"], ["ελληνικά", "עברית", "русский", "日本語", "🚀"], ["x", "x-y", "y"],
    ["line\nbreak", "plain"], [""], ["", "a"],
])
def test_an_id_set_is_the_set_of_its_ids(ids):
    found = IdSet(ids)
    assert found == set(ids) == frozenset(ids)
    assert len(found) == len(set(ids))
    assert sorted(found) == sorted(set(ids)) and list(found) == sorted(set(ids))
    assert hash(found) == hash(frozenset(ids))
    for ident in ids:
        assert ident in found
    # no id is found inside another, across a separator, or as a part of one
    for absent in ("", "\n", "x-", "-y", "a\nb", "x\nx-y", None, 3):
        assert (absent in found) == (absent in set(ids))
    assert {"a"} <= found if "a" in ids else not ({"a"} <= found)


def test_an_id_set_joined_reads_back():
    ids = IdSet(["pay", "book", "πληρωμή"])
    assert ids.join() == "book\npay\nπληρωμή"
    assert IdSet.joined(ids.join()) == ids
    assert IdSet.joined("") == IdSet() == set()
    with pytest.raises(ValueError):
        IdSet(["a\nb"]).join()
    with pytest.raises(ValueError):
        IdSet([""]).join()
