"""Times the authors' Python BatchSP2 (mervekarakas/mamab_erasures) on the erasure-exp2 setting.

Usage: python3 bench/peer_batchsp2.py PATH_TO_AUTHORS_CODE RUNS
Prints one JSON list: per run, the wall and CPU seconds spent in BatchSP2.run() and the final regret.
Setting (AISTATS 2024 Exp. 2, sim/scenarios/erasure-exp2.yaml): K = 10 Gaussian arms (var 1)
with means [1.0, 0.8, 0 x 8] shuffled, M = 20 agents, eps 0.9/0.93/0.95/0.99 (5 each), T = 5e4.
Only the authors' public API is called; nothing of theirs is copied here.
"""
import json
import sys
import time

peer, runs = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, peer)

import numpy as np  # noqa: E402
from models.base import calculate_repetitions  # noqa: E402
from models.batch_sp2 import BatchSP2  # noqa: E402

T, M, K = 50_000, 20, 10
eps = np.array([0.9] * 5 + [0.93] * 5 + [0.95] * 5 + [0.99] * 5)
alphas = calculate_repetitions(eps, T)
out = []
for r in range(runs):
    rng = np.random.default_rng(1000 + r)
    mu = np.array([1.0, 0.8] + [0.0] * 8)
    rng.shuffle(mu)
    base = rng.integers(0, K, M)
    bandit = BatchSP2(k=K, m=M, iters=T, alphas=alphas, var=1, c=1, mu=mu, epsilon=eps, base=base, rng=rng)
    t0, c0 = time.perf_counter(), time.process_time()
    bandit.run()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    out.append({"seconds": seconds, "cpuSeconds": cpu, "regret": float(np.sum(bandit.regrets_all))})
print(json.dumps(out))
