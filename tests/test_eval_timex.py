"""The TimeML reader, the TempEval-3 scorer and `docket eval timex`, on constructed cases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docket.cli import app
from docket.evaluate.timeml import TimeMLError, parse, read_dir
from docket.evaluate.timex_scores import compare, render, score

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-09-07"
  functionInDocument="CREATION_TIME">September 7, 2024</TIMEX3></DCT>
<TEXT>
Troops will leave by <TIMEX3 tid="t1" type="DATE" value="2026" mod="END">the end of 2026</TIMEX3>, officials
<EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t2" type="DATE"
  value="2024-09-06">Friday</TIMEX3>.
Talks lasted <TIMEX3 tid="t3" type="DURATION" value="P6M"
  mod="MORE_THAN">more than six months</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""


def test_reader_gives_text_offsets_and_the_creation_time() -> None:
    doc = parse(TML, "test.tml")
    assert doc.dct is not None and doc.dct.isoformat() == "2024-09-07"
    assert [t.text for t in doc.timexes] == ["the end of 2026", "Friday", "more than six months"]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert doc.timexes[0].mod == "END"
    assert doc.timexes[2].value == "P6M"
    assert "said" in doc.text and "&" in doc.text and "<EVENT" not in doc.text


def test_reader_refuses_what_is_not_timeml() -> None:
    with pytest.raises(TimeMLError):
        parse("<html><body>hello</body></html>", "page.html")
    with pytest.raises(TimeMLError):
        parse("<TimeML><TEXT>unclosed", "broken.tml")


@dataclass(frozen=True)
class T:
    start: int
    end: int
    type: str
    value: str


def test_scorer_follows_the_tempeval3_definitions() -> None:
    # four gold timexes: one found exactly, one found with an overlapping span and a wrong value,
    # one found exactly with the wrong type, one missed; and one spurious system timex.
    gold = [
        T(0, 5, "DATE", "2024"),
        T(10, 20, "DURATION", "P1Y"),
        T(30, 35, "DATE", "2011"),
        T(40, 45, "TIME", "X"),
    ]
    system = [
        T(0, 5, "DATE", "2024"),
        T(12, 20, "DURATION", "P2Y"),
        T(40, 45, "DATE", "X"),
        T(50, 55, "DATE", "1"),
    ]
    counts = compare(gold, system)
    assert (counts.gold, counts.system, counts.strict, counts.relaxed) == (4, 4, 2, 3)
    s = score([(gold, system)])
    assert s.strict.precision == pytest.approx(0.5) and s.strict.recall == pytest.approx(0.5)
    assert s.relaxed.f1 == pytest.approx(0.75)
    # attribute F1 = attribute accuracy over relaxed matches x relaxed F1 (= F1 of correct-attribute matches)
    assert s.type_f1 == pytest.approx(2 / 3 * 0.75)
    assert s.value_f1 == pytest.approx(2 / 3 * 0.75)
    assert s.value_accuracy_by_type == {"DATE": 1.0, "DURATION": 0.0, "TIME": 1.0}


def test_each_timex_is_matched_once() -> None:
    gold = [T(0, 10, "DATE", "a"), T(11, 20, "DATE", "b")]
    system = [T(0, 20, "DATE", "a")]
    s = score([(gold, system)])
    assert s.relaxed.precision == 1.0 and s.relaxed.recall == 0.5


def test_scores_sum_over_documents_not_average() -> None:
    one = ([T(0, 4, "DATE", "2024")], [T(0, 4, "DATE", "2024")])
    other = ([T(0, 4, "DATE", "2024"), T(5, 9, "DATE", "2025"), T(10, 14, "DATE", "2026")], [])
    s = score([one, other])
    assert s.relaxed.recall == pytest.approx(1 / 4)
    assert s.documents == 2
    assert "value F1" in render(s)


def test_empty_input_scores_zero() -> None:
    s = score([])
    assert s.relaxed.f1 == 0.0 and s.value_f1 == 0.0


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_dir_finds_tml_files_recursively(tmp_path: Path) -> None:
    docs = read_dir(_corpus(tmp_path))
    assert len(docs) == 1 and docs[0].name.endswith("doc.tml")


def test_eval_command_prints_scores(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "timex", str(_corpus(tmp_path)), "--no-parser"])
    assert result.exit_code == 0, result.output
    assert "strict" in result.output and "relaxed" in result.output and "value F1" in result.output


def test_eval_command_json_finds_the_three_timexes(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "timex", str(_corpus(tmp_path)), "--json", "--no-parser"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["gold"] == 3 and data["documents"] == 1
    assert data["relaxed"]["recall"] == 1.0
    assert data["value_f1"] == pytest.approx(data["relaxed"]["f1"])


def test_eval_command_bad_folder_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "timex", str(tmp_path / "missing")])
    assert result.exit_code == 1
    empty = CliRunner().invoke(app, ["eval", "timex", str(tmp_path)])
    assert empty.exit_code == 1


def test_eval_command_names_a_broken_file(tmp_path: Path) -> None:
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>oops", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "timex", str(tmp_path)])
    assert result.exit_code == 1
