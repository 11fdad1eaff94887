"""The accuracy statement: stratified samples, blind multi-theme coding by two officers,
kappa and F1 with intervals, in the console and the API."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy.engine import Engine

from console.accuracy import cohen_kappa, compare, multi_theme_f1
from storage.db import session_scope
from storage.repositories import console_accounts as accounts
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_themes,
    sign_in,
)


def test_kappa_and_multi_theme_f1_on_known_cases() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    # Two coders who agree exactly as often as chance would have them: kappa 0.
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)
    # A second theme both saw is agreement; one only the machine saw halves nothing else.
    both = frozenset({"buses", "roads"})
    assert multi_theme_f1([(both, both)]) == 1.0
    assert multi_theme_f1([(frozenset({"buses"}), both)]) == pytest.approx(2 / 3)
    # "None of these" on both sides agrees.
    assert multi_theme_f1([(frozenset(), frozenset())]) == 1.0
    result = compare("A", "B", [(("a", frozenset({"a"})), ("a", frozenset({"a"})))] * 30)
    assert result.kappa == 1.0 and result.kappa_ci == (1.0, 1.0) and result.n == 30


async def _consultation(db: Engine) -> tuple[int, list[int], dict[str, list[int]]]:
    cid = make_consultation(db)
    buses = add_answers(db, cid, [f"bus {i} is late" for i in range(30)])
    parks = add_answers(db, cid, [f"park {i} is dirty" for i in range(10)])
    roads = add_answers(db, cid, ["pothole"] * 2)
    themes = make_themes(db, cid, {"Buses": buses, "Parks": parks, "Roads": roads})
    return cid, themes, {"buses": buses, "parks": parks, "roads": roads}


def _share(db: Engine, cid: int, *officers: object) -> None:
    with session_scope(db) as session:
        for officer in officers:
            accounts.share_consultation(
                session=session,
                consultation_id=cid,
                officer_id=officer.id or 0,  # type: ignore[attr-defined]
            )


async def test_two_officers_code_blind_and_the_statement_compares_everyone(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses_id, parks_id, roads_id), answers = await _consultation(db)
    first, second = make_officer(db), make_officer(db)
    _share(db, cid, first, second)
    token = await sign_in(client, first)
    base = f"/console/consultations/{cid}/quality"
    drawn = await client.post(
        f"{base}/sample", data={"csrf_token": token, "size": "12"}, follow_redirects=True
    )
    sample = [int(a) for a in re.findall(r'name="code_(\d+)"', drawn.text)]
    assert len(sample) == 12
    # Stratified: the small "Roads" theme is in the sample, and buses dominate as they should.
    assert set(sample) & set(answers["roads"])
    assert len(set(sample) & set(answers["buses"])) >= 7
    assert "Accuracy statement" not in drawn.text  # not until this officer has coded it all

    def theme_of(answer: int) -> int:
        for name, theme in (("buses", buses_id), ("parks", parks_id), ("roads", roads_id)):
            if answer in answers[name]:
                return theme
        raise AssertionError(answer)

    codes = {f"code_{a}": str(theme_of(a)) for a in sample}
    await client.post(base, data={"csrf_token": token, **codes})
    mine = await client.get(base)
    assert "Automatic themes / Officer A" in mine.text
    assert re.search(
        r"Automatic themes / Officer A</th><td class=\"num\">12</td>\s*<td>1\.00", mine.text
    )

    client.cookies.clear()
    token = await sign_in(client, second)
    blind = await client.get(base)
    # The second coder sees neither the first coder's choices nor the machine's.
    assert " selected>" not in blind.text.replace('value="" selected', "")
    assert "Accuracy statement" not in blind.text
    # Officer B puts every bus answer under Parks as well as Buses, and one roads answer nowhere.
    codes = {f"code_{a}": str(theme_of(a)) for a in sample}
    also = {f"also_{a}": str(parks_id) for a in sample if theme_of(a) == buses_id}
    roads_answer = next(a for a in sample if theme_of(a) == roads_id)
    codes[f"code_{roads_answer}"] = "none"
    await client.post(base, data={"csrf_token": token, **codes, **also})
    statement = await client.get(base)
    assert (
        "Officer A / Officer B" in statement.text
        and "Automatic themes / Officer B" in statement.text
    )
    assert 'lang="cy"' in statement.text and "bootstrap" in statement.text


async def test_bad_sample_sizes_and_codes_are_refused(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses_id, _, _), answers = await _consultation(db)
    officer = make_officer(db)
    _share(db, cid, officer)
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}/quality"
    for size in ("5", "501", "ten", "", "1e3", "²"):
        response = await client.post(f"{base}/sample", data={"csrf_token": token, "size": size})
        assert response.status_code == 422, size
    page = await client.get(base)
    sample = [int(a) for a in re.findall(r'name="code_(\d+)"', page.text)]
    assert len(sample) == 40  # the default sample
    outside = next(a for a in answers["buses"] + answers["parks"] if a not in sample)
    hostile = {
        f"code_{sample[0]}": str(buses_id),
        f"code_{outside}": str(buses_id),  # not in the sample: ignored
        f"code_{sample[1]}": "99999999999999999999999",  # not a theme: ignored
        "code_²": str(buses_id),
        f"also_{sample[0]}": "abc",
    }
    saved = await client.post(base, data={"csrf_token": token, **hostile})
    assert saved.status_code == 303
    again = await client.get(base)
    assert "You have coded 1 of 40" in again.text


async def test_the_api_serves_the_accuracy_statement(client: httpx.AsyncClient, db: Engine) -> None:
    cid, (buses_id, parks_id, roads_id), answers = await _consultation(db)
    officer = make_officer(db)
    _share(db, cid, officer)
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}/quality"
    page = await client.post(
        f"{base}/sample", data={"csrf_token": token, "size": "10"}, follow_redirects=True
    )
    sample = [int(a) for a in re.findall(r'name="code_(\d+)"', page.text)]
    await client.post(base, data={"csrf_token": token, **{f"code_{a}": "none" for a in sample}})
    await client.post("/console/tokens", data={"csrf_token": token, "name": "site"})
    tokens_page = (await client.get("/console/tokens")).text
    match = re.search(r"<code>(wm_[A-Za-z0-9_-]+)</code>", tokens_page)
    assert match
    client.cookies.clear()
    served = await client.get(
        f"/api/v1/consultations/{cid}/accuracy",
        headers={"authorization": f"Bearer {match.group(1)}"},
    )
    body = served.json()
    assert body["sample_size"] == 10 and body["themes"] == 3
    [comparison] = body["comparisons"]
    assert comparison["first"] == "Automatic themes" and comparison["answers"] == 10
    # The officer said "none" everywhere, the machine never did: F1 0.
    assert comparison["f1"] == 0.0
    assert "stratified by theme" in body["methods_en"] and "haenu" in body["methods_cy"]
