"""Reports of one story that name its sides differently (issue 14, item 3): a capital, a ministry, a
leader or the country's name all count as the country when reports are grouped into stories. Short
articles written for this test, read by the whole pipeline."""

from __future__ import annotations

from collections.abc import Callable

from docket.record import Record
from docket.story import index_records


def test_a_leader_a_ministry_capitals_and_names_of_two_countries_make_one_story(
    extract: Callable[..., Record],
) -> None:
    reports = [
        extract(
            "President Felix Tshisekedi accused Rwanda's Defence Ministry on Saturday of shelling border "
            "villages. Tshisekedi said the Defence Ministry had lied. The Defence Ministry denied it, and "
            "Tshisekedi called the shelling a provocation.",
            "2025-03-01",
        ),
        extract(
            "Fighting between the Democratic Republic of Congo and Rwanda spread on Tuesday.", "2025-03-12"
        ),
        extract("Kinshasa accused Kigali on Thursday of sending more troops to the border.", "2025-03-20"),
        extract(
            "Acme Motors said it would close its Leeds plant by the end of next year. The company will also "
            "cut 4,000 jobs.",
            "2025-03-15",
        ),
    ]
    index = index_records(reports)
    together = {r.document.id for r in reports[:3]}
    stories = [s for s in index.stories if together & set(s.documents)]
    assert len(stories) == 1
    assert set(stories[0].documents) == together
    assert stories[0].actors[:2] == ["COD", "RWA"]
    assert any(s.documents == [reports[3].document.id] for s in index.stories)


def test_a_ministry_counts_as_its_country_only_for_grouping(extract: Callable[..., Record]) -> None:
    rec = extract(
        "Rwanda's Defence Ministry said on Friday that its troops would leave the border area by June."
    )
    ministry = next(a for a in rec.actors if a.id == "defence-ministry")
    assert ministry.affiliation == "RWA"  # the record keeps the body as the report names it
    assert all("RWA" in c.obligor for c in rec.commitments)


def test_one_countrys_own_politics_stays_one_story_by_its_leaders(extract: Callable[..., Record]) -> None:
    """A country's domestic story has one side and several leaders: counted only as the state, the
    leaders would vanish and each report's incidental actors would pull the reports apart."""
    reports = [
        extract(
            "President Pervez Musharraf met Benazir Bhutto in Islamabad on Monday. Musharraf said the "
            "United States backed the vote, and Bhutto said Musharraf must quit the army first.",
            "2007-11-05",
        ),
        extract(
            "Benazir Bhutto told the United Nations envoy on Friday that Pervez Musharraf was rigging the "
            "vote. Musharraf denied it; Bhutto said she would still stand.",
            "2007-11-16",
        ),
        extract(
            "Pervez Musharraf said on Sunday that India had nothing to fear from the vote. Bhutto called "
            "Musharraf's words empty, and Musharraf answered Bhutto in a televised speech.",
            "2007-11-25",
        ),
    ]
    index = index_records(reports)
    assert len(index.stories) == 1
    assert set(index.stories[0].documents) == {r.document.id for r in reports}


def test_a_person_by_his_surname_and_a_party_by_its_initials_make_one_story(
    extract: Callable[..., Record],
) -> None:
    """One report names "Joseph Kabila" and "Jean-Pierre Bemba", the next "Kabila" and "Bemba";
    one "the Democratic Unionist Party", the next "the DUP": the same sides, one story each."""
    runoff = [
        extract(
            "Congo's electoral commission said on Monday that the presidential runoff between Joseph Kabila "
            "and Jean-Pierre Bemba will be held on October 29. Kabila won 45 percent in the first round "
            "and Bemba 20 percent.",
            "2006-08-22",
        ),
        extract(
            "Voting ended on Sunday in Congo's presidential runoff. Supporters of Bemba and Kabila waited "
            "for results; Bemba said he would accept a fair count.",
            "2006-10-30",
        ),
    ]
    talks = [
        extract(
            "The Democratic Unionist Party and Sinn Fein met on Thursday. The Democratic Unionist Party "
            "said Sinn Fein had not changed.",
            "2006-04-07",
        ),
        extract(
            "The DUP and Sinn Fein met again on Monday. The DUP said that Sinn Fein wanted more time.",
            "2006-04-24",
        ),
    ]
    for reports in (runoff, talks):
        index = index_records(reports)
        assert len(index.stories) == 1, [s.documents for s in index.stories]
        assert set(index.stories[0].documents) == {r.document.id for r in reports}


def test_two_agreements_between_the_same_sides_in_one_month_stay_two_stories(
    extract: Callable[..., Record],
) -> None:
    """Issue 14's counter-case: a tariff deal and a climate accord between the United States and
    China, eighteen days apart: the same two sides, two agreements, two stories."""
    tariffs = extract(
        "The United States and China agreed on Friday to cut tariffs on steel by 10 percent by July 1. "
        "Washington and Beijing said the cuts would start in June.",
        "2025-05-02",
    )
    climate = extract(
        "The United States and China signed a climate accord on Tuesday. Both countries pledged to close "
        "40 coal plants by 2030, Washington and Beijing said.",
        "2025-05-20",
    )
    index = index_records([tariffs, climate])
    assert sorted(s.documents for s in index.stories) == sorted(
        [[tariffs.document.id], [climate.document.id]]
    )
    assert len({c.story for c in index.commitments}) == 2
