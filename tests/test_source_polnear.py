"""The PolNeAR scorer: brat standoff reading and span-level P/R/F1, on files made here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from docket.evaluate.polnear import Attribution, Score, evaluate, load_split, parse_ann, score_article

TEXT = "The mayor said the bridge will reopen. Reuters reports that taxes rose."
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 37\tthe bridge will reopen\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 47 54;55 55\treports\n"
    "T6\tContent 55 70\tthat taxes rose\n"
    "T7\tAttribution-no-source 47 54\treports\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    "T8\tDiscard 0 3\tThe\n"
)


def test_parse_ann_reads_roles_and_fragments() -> None:
    first, second = parse_ann(ANN)
    assert first == Attribution(source=((0, 9),), cue=((10, 14),), content=((15, 37),))
    assert second.source == ()
    assert second.cue == ((47, 54), (55, 55))
    assert second.content == ((55, 70),)


def test_load_split_pairs_texts_with_the_first_annotators_file(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "paper_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "paper_2016-01-01_story_aaaa.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "paper_2016-01-01_story_bbbb.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "other_2016-01-01_gone_aaaa.ann").write_text(ANN, encoding="utf-8")
    (article,) = load_split(tmp_path)
    assert article.name == "paper_2016-01-01_story"
    assert len(article.gold) == 2


def test_scores_exact_and_overlap() -> None:
    gold = parse_ann(ANN)
    system = [
        Attribution(source=((4, 9),), cue=((10, 14),), content=((15, 38),)),  # content one char long
        Attribution(source=((39, 46),), cue=((47, 54),), content=((55, 70),)),  # a source gold has not
    ]
    score = Score()
    score_article(TEXT, gold, system, score)
    table = score.table()
    assert table["cue/exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert table["source/exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert table["source/overlap"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    assert table["content/exact"]["p"] == 0.5
    assert table["content/overlap"]["f1"] == 1.0


def test_evaluate_runs_an_extractor_over_articles(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a_b_c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_b_c_abcd.ann").write_text(ANN, encoding="utf-8")

    def nothing(texts: Iterable[str]) -> Iterator[list[Attribution]]:
        for _ in texts:
            yield []

    score = evaluate(load_split(tmp_path), nothing)
    assert score.table()["content/overlap"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert score.get("content/overlap").gold == 2


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: ((p[0], p[0] + p[1]),)), max_size=5
)


@given(spans, spans)
def test_scores_stay_between_zero_and_one(
    gold_spans: list[tuple[tuple[int, int], ...]], sys_spans: list[tuple[tuple[int, int], ...]]
) -> None:
    text = "x" * 100
    score = Score()
    score_article(
        text, [Attribution(source=s) for s in gold_spans], [Attribution(source=s) for s in sys_spans], score
    )
    for values in score.table().values():
        assert all(0.0 <= v <= 1.0 for v in values.values())
    same = Score()
    score_article(
        text, [Attribution(source=s) for s in gold_spans], [Attribution(source=s) for s in gold_spans], same
    )
    if gold_spans:
        assert same.table()["source/exact"]["f1"] == 1.0


@given(st.text(alphabet=st.sampled_from(list("TE0123456789 \t\n;:SourceCuContAtribuiDsc")), max_size=200))
def test_parse_ann_never_fails_on_broken_files(content: str) -> None:
    for att in parse_ann(content):
        for role in ("source", "cue", "content"):
            assert all(isinstance(s, int) and isinstance(e, int) for s, e in att.role(role))


def test_docket_sources_close_their_apposition_as_polnear_does() -> None:
    from docket.evaluate.polnear import _closed

    text = "Jane Roe, a spokeswoman, said it. Jane Roe said it."
    assert text[slice(*_closed(text, (0, 23)))] == "Jane Roe, a spokeswoman,"
    assert text[slice(*_closed(text, (34, 42)))] == "Jane Roe"
