"""nlp/moderation/group_names.py: how a hateful statement names a group."""

from __future__ import annotations

import re

from nlp.moderation.group_names import AS_PEOPLE, GROUP_TOKENS, GROUP_WORDS, SUBJECT


def test_every_group_name_keeps_a_word_the_quick_check_looks_for() -> None:
    """The hate patterns run only on texts holding one of GROUP_TOKENS; a group named only
    by everyday words ("the", "people") would never be checked."""
    assert [g for g in GROUP_WORDS if GROUP_TOKENS.isdisjoint(g.split())] == []
    assert {"the", "people", "a", "meddwl"}.isdisjoint(GROUP_TOKENS)


def test_a_group_s_adjective_before_a_thing_is_no_group_of_people() -> None:
    # "Welsh weather", "English food", "disabled toilets": the adjective names no one.
    people = re.compile(rf"\b{AS_PEOPLE}\b")
    assert people.search("the welsh are lovely") and people.search("disabled people")
    assert not any(
        people.search(text) for text in ("welsh weather", "english food", "disabled toilets")
    )


def test_a_group_as_the_subject_not_after_a_preposition() -> None:
    # "services for disabled people" are the subject of the sentence, not the people.
    subject = re.compile(rf"\b{SUBJECT}\s+are\b")
    assert subject.search("disabled people are") and subject.search("gay couples are")
    assert not subject.search("services for disabled people are")
