"""Readers: every input kind gives a Document whose offsets point into the text as read."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.ingest import Loaded, Problem, ReadOptions, read_inputs
from docket.ingest.text import split_front_matter
from docket.record import text_id

ARTICLE = (
    "Kenya's parliament on Tuesday approved a plan to send 1,000 police officers to Haiti, "
    "officials said. The first contingent is expected to arrive by the end of the year, "
    "according to the interior ministry. The deployment still requires a court ruling."
)


def one(path: Path, **opts: object) -> Loaded | Problem:
    items = list(read_inputs([path], ReadOptions(**opts)))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_txt_front_matter_gives_metadata_and_body_offsets(tmp_path: Path) -> None:
    body = "\n\n" + ARTICLE + "\n"
    p = write(
        tmp_path, "a.txt", f"---\npublished: 2024-09-07\ntitle: Kenya approves\noutlet: Wire\n---\n{body}"
    )
    got = one(p)
    assert isinstance(got, Loaded)
    d = got.document
    assert d.text == body  # leading blank lines included, front matter excluded
    assert d.published == dt.date(2024, 9, 7)
    assert (d.title, d.outlet, d.url) == ("Kenya approves", "Wire", None)
    assert d.chars == len(body)
    assert d.id == text_id(body)
    assert d.language == "en"


def test_txt_without_front_matter_takes_published_option(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", ARTICLE)
    got = one(p, published=dt.date(2023, 1, 2))
    assert isinstance(got, Loaded)
    assert got.document.text == ARTICLE
    assert got.document.published == dt.date(2023, 1, 2)


def test_front_matter_date_wins_over_option(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", f"---\npublished: 2024-05-19\n---\n{ARTICLE}")
    got = one(p, published=dt.date(2020, 1, 1))
    assert isinstance(got, Loaded)
    assert got.document.published == dt.date(2024, 5, 19)


def test_crlf_front_matter(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", f"---\r\npublished: 2024-05-19\r\n---\r\n{ARTICLE}")
    got = one(p)
    assert isinstance(got, Loaded)
    assert got.document.text == ARTICLE


def test_jsonl_one_article_a_line(tmp_path: Path) -> None:
    lines = [
        {"text": ARTICLE, "published": "2024-09-07", "title": "one", "url": "https://example.org/1"},
        {"text": ARTICLE + " More.", "published": "2024-09-08T10:00:00Z", "outlet": "Wire"},
    ]
    p = write(tmp_path, "a.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    items = list(read_inputs([p], ReadOptions()))
    assert [type(i) for i in items] == [Loaded, Loaded]
    a, b = (i.document for i in items if isinstance(i, Loaded))
    assert a.text == ARTICLE and a.url == "https://example.org/1" and a.title == "one"
    assert b.published == dt.date(2024, 9, 8) and b.outlet == "Wire"
    assert items[1].origin.endswith("a.jsonl:2")


def test_gzipped_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": ARTICLE, "published": "2024-09-07"}) + "\n")
    got = one(p)
    assert isinstance(got, Loaded) and got.document.text == ARTICLE


def test_html_article_text_and_date(tmp_path: Path) -> None:
    paras = "".join(f"<p>{s}.</p>" for s in ARTICLE.split(". "))
    page = (
        "<html><head><title>Kenya approves Haiti plan</title>"
        '<meta property="article:published_time" content="2024-09-07T08:00:00Z">'
        "</head><body><nav>Home | World</nav><article><h1>Kenya approves Haiti plan</h1>"
        f"{paras}</article><footer>(c) Wire</footer></body></html>"
    )
    got = one(write(tmp_path, "a.html", page))
    assert isinstance(got, Loaded), got
    d = got.document
    assert "1,000 police officers" in d.text
    assert "Home | World" not in d.text
    assert d.published == dt.date(2024, 9, 7)
    assert d.title == "Kenya approves Haiti plan"


def test_broken_html_still_reads_or_fails_cleanly(tmp_path: Path) -> None:
    page = "<html><body><div><p>" + ARTICLE + "<p><b>unclosed <i>tags</div"
    got = one(write(tmp_path, "a.html", page), published=dt.date(2024, 1, 1))
    assert isinstance(got, Loaded)
    assert "police officers" in got.document.text


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "b.txt", f"---\npublished: 2024-01-02\n---\n{ARTICLE}")
    write(tmp_path / "sub", "a.txt", f"---\npublished: 2024-01-01\n---\n{ARTICLE} Again.")
    write(tmp_path, "notes.csv", "a,b\n")
    items = list(read_inputs([tmp_path], ReadOptions()))
    assert [Path(i.origin).name for i in items] == ["b.txt", "a.txt"]
    assert all(isinstance(i, Loaded) for i in items)


# -- bad input: a Problem naming the file and the fix; never an exception ------------------


@pytest.mark.parametrize(
    ("name", "content", "opts", "what", "fix"),
    [
        ("nodate.txt", ARTICLE, {}, "no publication date", "--published"),
        ("baddate.txt", f"---\npublished: 7 Sept\n---\n{ARTICLE}", {}, "cannot read the date", "YYYY-MM-DD"),
        ("empty.txt", "", {}, "empty", "text"),
        ("blank.txt", "   \n\n", {}, "empty", "text"),
        ("body.txt", "---\npublished: 2024-01-01\n---\n\n", {}, "no text", "body"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), {}, "binary", "UTF-8"),
        ("latin.txt", ("Caf\xe9 " + ARTICLE).encode("latin-1"), {}, "not UTF-8", "iconv"),
        ("doc.pdf", "%PDF-1.4", {}, "unsupported file type", ".txt"),
        (
            "fr.txt",
            "Les forces américaines quitteront l'Irak d'ici la fin de 2026, selon plusieurs responsables "
            "irakiens et américains qui ont parlé sous couvert d'anonymat. Le calendrier doit encore être "
            "approuvé par les deux gouvernements.",
            {"published": dt.date(2024, 9, 7)},
            "not English",
            "DOCKET_CHECK_LANGUAGE",
        ),
        (
            "big.txt",
            ARTICLE * 3,
            {"published": dt.date(2024, 9, 7), "max_chars": 200},
            "over the limit",
            "split",
        ),
        ("nums.txt", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 " * 5, {}, "not prose", "article"),
        ("fm.txt", f"---\npublished: 2024-01-01\n{ARTICLE}", {}, "no closing '---'", "'---'"),
        ("yaml.txt", f"---\npublished: [2024\n---\n{ARTICLE}", {}, "read the date '[2024'", "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_a_problem_with_a_fix(
    tmp_path: Path, name: str, content: str | bytes, opts: dict[str, object], what: str, fix: str
) -> None:
    got = one(write(tmp_path, name, content), **opts)
    assert isinstance(got, Problem), got
    assert what in got.what
    assert fix in got.fix
    line = got.line()
    assert name in line and "\n" not in line


def test_malformed_jsonl_line_names_the_line_and_keeps_the_rest(tmp_path: Path) -> None:
    good = json.dumps({"text": ARTICLE, "published": "2024-09-07"})
    p = write(tmp_path, "feed.jsonl", f"{good}\n{{not json\n{json.dumps({'title': 'no text'})}\n{good}\n")
    items = list(read_inputs([p], ReadOptions()))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Loaded", "Problem", "Problem", "Loaded"]
    assert items[1].origin.endswith("feed.jsonl:2") and "not valid JSON" in items[1].what  # type: ignore[union-attr]
    assert items[2].origin.endswith("feed.jsonl:3") and "'text'" in items[2].what  # type: ignore[union-attr]


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    got = one(tmp_path / "nope.txt")
    assert isinstance(got, Problem) and "no such file" in got.what


# -- properties -------------------------------------------------------------------------------


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_front_matter_split_never_crashes_and_body_is_a_suffix(raw: str) -> None:
    from docket.ingest.base import InputProblem

    try:
        meta, body = split_front_matter(raw)
    except InputProblem:
        return
    assert isinstance(meta, dict)
    assert raw.endswith(body)


@given(st.binary(max_size=400))
@settings(max_examples=150, deadline=None)
def test_any_bytes_give_a_document_or_a_problem(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    p = tmp_path_factory.mktemp("fuzz") / "x.txt"
    p.write_bytes(data)
    items = list(read_inputs([p], ReadOptions(published=dt.date(2024, 1, 1), check_language=False)))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Loaded):
        assert item.document.chars == len(item.document.text) > 0
    else:
        assert item.what and item.fix


LANGUAGE_SAMPLES = {
    "en": "The government said on Tuesday that it would cut the tax on fuel from next month, and that "
    "the measure, which has been debated for a year, should also help farmers who have seen their costs "
    "rise after the drought.",
    "fr": "Le gouvernement a annoncé mardi qu'il réduirait la taxe sur le carburant dès le mois prochain, "
    "une mesure débattue depuis un an qui devrait aussi aider les agriculteurs.",
    "de": "Die Regierung teilte am Dienstag mit, sie will die Steuer auf Kraftstoff ab nächsten Monat "
    "senken; die Maßnahme, über die seit einem Jahr gestritten wird, soll auch den Bauern helfen.",
    "es": "El gobierno dijo el martes que reducirá el impuesto sobre el combustible a partir del mes "
    "próximo, una medida debatida durante un año que también debería ayudar a los agricultores.",
    "nl": "De regering zei dinsdag dat zij de belasting op brandstof vanaf volgende maand zal verlagen, "
    "een maatregel waarover al een jaar wordt gedebatteerd en die ook de boeren moet helpen.",
    "it": "Il governo ha detto martedì che a partire dal mese prossimo ridurrà la tassa sul carburante, "
    "una misura discussa da un anno che in questo modo dovrebbe aiutare anche gli agricoltori.",
}

# a short wire story: few of the distinctly English words, many of the short ones
SHORT_WIRE = (
    "Champion Products Inc said its board of directors approved a two-for-one stock split of its "
    "common shares for shareholders of record as of April 1, 1987. The company also said its board "
    "voted to recommend an increase in the authorized capital stock."
)


def test_a_short_english_wire_story_skips_the_detector() -> None:
    from docket.ingest.base import detect_language, plainly_english

    assert plainly_english(SHORT_WIRE.lower().split())
    assert detect_language(SHORT_WIRE) == "en"


@pytest.mark.parametrize("lang", sorted(LANGUAGE_SAMPLES))
def test_plainly_english_text_skips_the_detector_and_no_other_language_does(lang: str) -> None:
    from docket.ingest.base import detect_language, plainly_english

    text = LANGUAGE_SAMPLES[lang]
    assert plainly_english(text.lower().split()) == (lang == "en")
    assert detect_language(text) == lang  # the detector still tells the others
