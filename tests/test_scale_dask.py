"""Beyond one machine: a Cleaner per partition on a local Dask cluster (two worker
processes) gives exactly the single-process results. Spark's mapPartitions works the
same way (see the cleanup.batch docstring)."""
from __future__ import annotations

import pytest

from cleanup import Cleaner, Options
from cleanup.batch import partition_cleaner

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed "
                                  "(pip install 'dask[distributed]')")
import dask.bag as db  # noqa: E402

RULES = Options(grammar=False)
TEXTS = [f"Item {i}: Openai and Deepseek said the the model was ready.\n\nHome | News | Sport\n"
         for i in range(60)] + ["", "Ã©tÃ© was broken.", "A plain sentence that needs nothing."]


def test_dask_cluster_matches_single_process(tmp_path):
    with Cleaner(RULES) as c:
        expected = [c.clean(t) for t in TEXTS]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path)) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(TEXTS, npartitions=6)
        got = bag.map_partitions(partition_cleaner(RULES)).compute(scheduler=client.get)
        workers_used = client.run(lambda: __import__("os").getpid())
    assert len(workers_used) == 2
    assert got == expected
