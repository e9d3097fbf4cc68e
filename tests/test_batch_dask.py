"""--engine dask: the same batch on a Dask distributed cluster (a LocalCluster here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.batch import EngineError, run_batch
from test_batch import options, parquet_ids, parquet_records, stored_ids, write_jsonl

pytest.importorskip("distributed")


def test_dask_local_cluster_writes_parquet_like_the_local_engine(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(12))
    local, dask = tmp_path / "local", tmp_path / "dask"
    run_batch(options(tmp_path, [feed], out=local, batch_size=3))
    summary = run_batch(options(tmp_path, [feed], out=dask, batch_size=3, engine="dask", workers=2))
    assert summary.stored == 12 and summary.failed == 0
    assert parquet_ids(dask) == ids
    assert parquet_records(dask) == parquet_records(local)


def test_dask_into_the_store_and_resume(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(6))
    db = tmp_path / "news.db"
    first = run_batch(options(tmp_path, [feed], db=str(db), engine="dask", workers=1))
    assert first.stored == 6
    more = tmp_path / "more.jsonl"
    ids_more = write_jsonl(more, range(10))
    second = run_batch(options(tmp_path, [more], db=str(db), engine="dask", workers=1))
    assert second.stored == 4 and second.already == 6
    assert sorted(stored_ids(db)) == sorted(set(ids) | set(ids_more))


def test_dask_scheduler_address(tmp_path: Path) -> None:
    """--scheduler ADDRESS: the job goes to a running cluster's scheduler, which stays up afterwards."""
    from distributed import LocalCluster

    feed = tmp_path / "news.jsonl"
    ids = write_jsonl(feed, range(4))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_batch(
            options(tmp_path, [feed], out=tmp_path / "o", engine="dask", scheduler=cluster.scheduler_address)
        )
        assert summary.stored == 4
        assert cluster.scheduler_address and len(cluster.workers) == 1
    assert parquet_ids(tmp_path / "o") == ids


def test_unreachable_scheduler_says_what_to_do(tmp_path: Path) -> None:
    feed = tmp_path / "news.jsonl"
    write_jsonl(feed, range(1))
    with pytest.raises(EngineError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        run_batch(
            options(tmp_path, [feed], db=str(tmp_path / "x.db"), engine="dask", scheduler="tcp://127.0.0.1:9")
        )
