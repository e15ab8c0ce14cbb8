#!/usr/bin/env python3
"""NumPy reference for dl4j-init's orthogonal-initializer benchmark.

Draws a Haar-distributed orthogonal n x n matrix the standard way (Mezzadri, "How to generate random
matrices from the classical compact groups", Notices of the AMS 54(5), 2007): Q of the QR decomposition
(LAPACK geqrf + orgqr, via np.linalg.qr) of a standard Gaussian matrix, with the sign fix
q *= sign(diag(r)) that makes the distribution exactly Haar. This is also what PyTorch's
nn.init.orthogonal_ does.

Times the whole draw (Gaussian generation + QR + sign fix) and, separately, the QR alone, for float32
and float64, after warm-up rounds. The four cases are interleaved round by round, so that a burst of load
from other processes on a shared machine hits all of them alike. Prints one JSON object on stdout with the
median and minimum milliseconds of each case, plus the BLAS/LAPACK that NumPy runs and its thread count.

Run by org.dl4jinit.bench.InitBenchmarkReport (see docs/benchmarks.md), or alone:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_orthogonal.py --n 1024
"""

import argparse
import ctypes
import glob
import json
import os
import platform
import statistics
import sys
import time

import numpy as np


def haar_orthogonal(rng, n, dtype):
    a = rng.standard_normal((n, n), dtype=dtype)
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r))
    return q


def time_interleaved(cases, warmup, repeat, max_seconds):
    """Runs every case once per round, in order, for warmup + repeat rounds; returns per-case statistics.

    Stops early, after at least 5 measured rounds, once max_seconds have passed: on an oversubscribed machine a
    multithreaded OpenBLAS QR can take seconds instead of a tenth of one."""
    samples = {name: [] for name in cases}
    deadline = time.perf_counter() + max_seconds
    for round_index in range(warmup + repeat):
        if round_index >= warmup + 5 and time.perf_counter() > deadline:
            break
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            elapsed = (time.perf_counter() - start) * 1e3
            if round_index >= warmup:
                samples[name].append(elapsed)
    return {name: {"median_ms": statistics.median(v), "min_ms": min(v), "samples_ms": v}
            for name, v in samples.items()}


def openblas_info():
    """Core type (kernel) and threads of the OpenBLAS NumPy loaded, read from the library itself."""
    info = {}
    try:
        import threadpoolctl  # optional
        info["threadpoolctl"] = threadpoolctl.threadpool_info()
    except ImportError:
        info["threadpoolctl"] = None
    libs_dir = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    for path in glob.glob(os.path.join(libs_dir, "*openblas*.so*")):
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                try:
                    corename = getattr(lib, prefix + "get_corename" + suffix)
                    config = getattr(lib, prefix + "get_config" + suffix)
                    threads = getattr(lib, prefix + "get_num_threads" + suffix)
                except AttributeError:
                    continue
                corename.restype = ctypes.c_char_p
                config.restype = ctypes.c_char_p
                info.update(library=os.path.basename(path), corename=corename().decode(),
                            config=config().decode(), threads=threads())
                return info
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1024)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="stop repeating (after at least 5 rounds) once this much time has passed")
    args = parser.parse_args()

    rng = np.random.default_rng(12345)
    result = {
        "n": args.n,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "env": {k: os.environ.get(k) for k in
                ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")},
        "cpu_count": os.cpu_count(),
        "blas": openblas_info(),
        "cases": {},
    }
    cases = {}
    for dtype in (np.float32, np.float64):
        name = np.dtype(dtype).name
        q = haar_orthogonal(rng, args.n, dtype)
        result["cases"][name] = {
            "max_abs_QtQ_minus_I": float(np.abs(q.T @ q - np.eye(args.n, dtype=dtype)).max()),
        }
        a = rng.standard_normal((args.n, args.n), dtype=dtype)
        cases[(name, "orthogonal")] = lambda dtype=dtype: haar_orthogonal(rng, args.n, dtype)
        cases[(name, "qr_only")] = lambda a=a: np.linalg.qr(a)
    for (name, kind), stats in time_interleaved(cases, args.warmup, args.repeat, args.max_seconds).items():
        result["cases"][name][kind] = stats
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
