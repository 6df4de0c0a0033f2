"""Scoring on a real Dask cluster gives exactly the local output, row for row."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

import stance

distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture
def archive(tmp_path, batch_articles):
    """40 articles with a few bad ones, as a Parquet file."""
    texts = list(batch_articles.values())
    ids = [f"d{i:03d}" for i in range(40)]
    body = [texts[i % 5] + f" Talks number {i} ended." for i in range(40)]
    body[7] = ""              # empty
    body[13] = "a\x00b"       # binary
    path = tmp_path / "archive.parquet"
    pd.DataFrame({"id": ids, "text": body}).to_parquet(path)
    return path


def test_cluster_output_equals_local_output(client, archive, tmp_path, batch_model_path):
    local = tmp_path / "local.parquet"
    remote = tmp_path / "remote.parquet"
    a = stance.score(archive, local, model=batch_model_path, quiet=True, chunk_size=6)
    b = stance.score(archive, remote, model=batch_model_path, quiet=True, chunk_size=6,
                     client=client)
    assert a.as_dict()["labels"] == b.as_dict()["labels"]
    assert (a.articles, a.sentences, a.failed) == (b.articles, b.sentences, b.failed) == (38, a.sentences, 2)
    pd.testing.assert_frame_equal(pd.read_parquet(local), pd.read_parquet(remote))
    pd.testing.assert_frame_equal(pd.read_csv(a.errors_path), pd.read_csv(b.errors_path))


def test_scheduler_address_from_the_command_line(client, archive, tmp_path, batch_model_path):
    from stance.cli import main

    local = tmp_path / "local.csv"
    remote = tmp_path / "remote.csv"
    stance.score(archive, local, model=batch_model_path, quiet=True)
    status = main(["score", str(archive), "-o", str(remote), "--model", str(batch_model_path),
                   "--scheduler", client.scheduler.address, "-q"])
    assert status == 1  # two bad articles
    assert local.read_bytes() == remote.read_bytes()


def test_map_partitions_entry_point(client, archive, tmp_path, batch_model_path):
    from stance.batch.distributed import partition_meta, score_partition

    local = tmp_path / "local.parquet"
    stance.score(archive, local, model=batch_model_path, quiet=True)
    articles = dd.read_parquet(archive).repartition(npartitions=3)
    model = client.scatter(stance.load_model(batch_model_path), broadcast=True)
    for how in (model, str(batch_model_path)):  # a scattered model, or a path cached per worker
        sentences = articles.map_partitions(score_partition, how,
                                            meta=partition_meta(batch_model_path))
        got = sentences.compute().reset_index(drop=True)
        pd.testing.assert_frame_equal(got, pd.read_parquet(local))


def test_bad_scheduler_address_is_a_usage_error(tmp_path, archive, batch_model_path, capsys,
                                                monkeypatch):
    from stance.batch import distributed as stance_distributed
    from stance.cli import main

    monkeypatch.setattr(stance_distributed, "CONNECT_TIMEOUT", "1s")
    status = main(["score", str(archive), "-o", str(tmp_path / "o.parquet"), "--model",
                   str(batch_model_path), "--scheduler", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert status == 2 and "tcp://127.0.0.1:1" in err and "scheduler" in err
