"""Plant known bugs in a temporary copy of the checkout and report which tests catch each.

A test suite is only as good as the bugs it fails on. Each mutant below is a bug this
project had, or one RELIABILITY.md promises cannot happen; every one must make at least
one of the tests named for it fail. The copy is the working tree (tracked and untracked,
not ignored files); the installed ``datamap`` is redirected to it in every process the
tests start (a ``sitecustomize`` on ``PYTHONPATH`` rewrites the editable install's map).

    python bench/mutants.py                 # all mutants
    python bench/mutants.py advance_latest  # one, by name

Exit status 1 if a mutant survives. Writes ``bench/out/mutants.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str          # relative to the checkout
    old: str           # text that must occur exactly once
    new: str
    tests: tuple[str, ...]   # pytest node ids / -k selections, run in the copy


_MANIFEST_FIRST = '''    artifacts = {n: {"bytes": os.path.getsize(p), "sha256": sha256_file(p)} for n, p in entries.items()}
    store.write_json(posixpath.join(vdir, schema.MANIFEST), {
        **manifest, "schema_version": schema.SCHEMA_VERSION, "dataset": dataset, "version": version,
        "created_at": _dt.datetime.now(_dt.timezone.utc).isoformat(), "artifacts": artifacts})
    with stage("publish", len(entries), "files") as advance, storage_errors(store.uri):'''

MUTANTS = [
    Mutant("manifest_before_artifacts", "tasks/publish.py",
           '    with stage("publish", len(entries), "files") as advance, storage_errors(store.uri):',
           _MANIFEST_FIRST,
           ("tests/test_store_properties.py",)),
    Mutant("tag_log_name_collision", "resources/tags.py",
           "fname = f\"{at.replace(':', '')}-{uuid.uuid4().hex}.json\"",
           "fname = f\"{at.replace(':', '')}.json\"",
           ("tests/test_tags.py::test_writes_in_one_clock_tick_all_land",)),
    Mutant("duplicate_cutoff_x1.2", "tasks/dedupe.py",
           "cl = cluster_pairs(n, ids, a, b, d, options.duplicate_cutoff, apart)",
           "cl = cluster_pairs(n, ids, a, b, d, options.duplicate_cutoff * 1.2, apart)",
           ("tests/test_dedupe.py::test_pairs_just_inside_and_just_outside_the_cutoff",
            "tests/test_dedupe.py::test_a_chain_of_near_neighbours_is_not_one_cluster")),
    Mutant("vertex_limit_raised", "viewer/limits.py",
           "MAX_VERTICES = 10_000", "MAX_VERTICES = 20_000",
           ("tests/test_security.py::test_lassos_over_the_vertex_limit_get_422",)),
    Mutant("route_outside_the_security_table", "viewer/ops.py",
           '    @router.get("/api/ops/{dataset}")\n',
           '    @router.get("/api/ops/{dataset}/raw")\n    async def ops_raw(dataset: str) -> dict:\n'
           '        return await _data(dataset)\n\n    @router.get("/api/ops/{dataset}")\n',
           ("tests/test_security.py::test_every_route_is_in_the_table",)),
    Mutant("advance_latest_plain_set", "tasks/publish.py",
           "    seen: dict[str, str] = {}\n    vroot = ",
           "    store.set_latest(dataset, version)\n    return version\n    seen: dict[str, str] = {}\n    vroot = ",
           ("tests/test_concurrency.py::test_latest_stays_on_the_later_commit_when_the_earlier_publisher_writes_last",
            "tests/test_concurrency.py::test_latest_recovers_when_a_stale_choice_lands_after_the_later_commit")),
]

_SITECUSTOMIZE = '''
import sys
REPO, COPY = %r, %r
for _name, _mod in list(sys.modules.items()):
    if _name.startswith("__editable__") and "datamap" in _name and hasattr(_mod, "MAPPING"):
        _mod.MAPPING.update({k: v.replace(REPO, COPY, 1) for k, v in _mod.MAPPING.items()})
'''


def copy_checkout(dst: Path) -> None:
    """The working tree's tracked and untracked (not ignored) files, as they are now."""
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        src = REPO / name
        if src.is_file():
            (dst / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / name)


def plant(copy: Path, m: Mutant) -> None:
    path = copy / m.file
    text = path.read_text()
    if text.count(m.old) != 1:
        raise SystemExit(f"mutant {m.name}: the text to replace occurs {text.count(m.old)} times in "
                         f"{m.file} (the code changed: update bench/mutants.py)")
    path.write_text(text.replace(m.old, m.new))


def shared_data() -> str:
    return os.environ.get("DATAMAP_SHARED_DATA") or str(REPO.parent / "shared" / "data")


def run_tests(copy: Path, tests: tuple[str, ...], timeout: float) -> tuple[int, str, float]:
    """pytest over ``tests`` in the copy, with ``datamap`` imported from the copy."""
    shim = copy / ".mutant-shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(_SITECUSTOMIZE % (str(REPO), str(copy)))
    env = {**os.environ, "PYTHONPATH": str(shim), "DATAMAP_SHARED_DATA": shared_data(),
           "NUMBA_CACHE_DIR": os.environ.get("NUMBA_CACHE_DIR", "/tmp/numba-mutants")}
    for k in ("DATAMAP_TESTS_TMP", "CI"):
        env.pop(k, None)
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                          cwd=str(copy), env=env, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr, time.time() - t0


def check_the_copy_is_used(copy: Path) -> None:
    """Without this, a redirect that silently failed would make every mutant 'survive'
    (or worse, a broken redirect would run the real code and report it caught)."""
    shim = copy / ".mutant-shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(_SITECUSTOMIZE % (str(REPO), str(copy)))
    out = subprocess.run([sys.executable, "-c", "import datamap.viewer.limits as l; print(l.__file__)"],
                         cwd=str(copy), env={**os.environ, "PYTHONPATH": str(shim)},
                         capture_output=True, text=True, check=True).stdout.strip()
    if not out.startswith(str(copy)):
        raise SystemExit(f"the copy is not what gets imported ({out}): cannot test mutants")


def baseline(chosen: list[Mutant], timeout: float) -> None:
    """The same tests on the unmutated copy must pass, or a "catch" means nothing."""
    tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
    with tempfile.TemporaryDirectory(prefix="mutant-baseline-") as tmp:
        copy_checkout(Path(tmp))
        check_the_copy_is_used(Path(tmp))
        rc, out, secs = run_tests(Path(tmp), tests, timeout)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    if rc != 0:
        raise SystemExit(f"baseline: the tests fail without any mutant ({summary}):\n{out[-3000:]}")
    print(f"baseline  unmutated copy: {summary}", flush=True)


def failed_tests(output: str) -> list[str]:
    return sorted({line.split(" ", 1)[1].split(" - ")[0] for line in output.splitlines()
                   if line.startswith(("FAILED ", "ERROR "))})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="mutants to run (default: all)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per mutant's test run")
    ap.add_argument("--no-baseline", action="store_true", help="skip the run of the unmutated copy")
    args = ap.parse_args()
    chosen = [m for m in MUTANTS if not args.names or m.name in args.names]
    if args.names and len(chosen) != len(args.names):
        raise SystemExit(f"unknown mutant; known: {', '.join(m.name for m in MUTANTS)}")
    if not args.no_baseline:
        baseline(chosen, args.timeout)
    results = []
    for m in chosen:
        with tempfile.TemporaryDirectory(prefix=f"mutant-{m.name}-") as tmp:
            copy = Path(tmp)
            copy_checkout(copy)
            check_the_copy_is_used(copy)
            plant(copy, m)
            rc, out, secs = run_tests(copy, m.tests, args.timeout)
        caught = rc == 1 and bool(failed_tests(out))
        if rc not in (0, 1):
            print(out[-3000:], file=sys.stderr)
        results.append({"mutant": m.name, "file": m.file, "caught": caught, "pytest_exit": rc,
                        "failing_tests": failed_tests(out), "tests_run": list(m.tests), "seconds": round(secs, 1)})
        verdict = "CAUGHT " if caught else "SURVIVED"
        print(f"{verdict} {m.name:28s} ({m.file}, {secs:.0f} s): {', '.join(failed_tests(out)) or out[-300:]}",
              flush=True)
    out_dir = REPO / "bench" / "out"
    out_dir.mkdir(exist_ok=True)
    # a run of some mutants updates their entries and keeps the others' last results
    path = out_dir / "mutants.json"
    kept = json.loads(path.read_text()) if path.exists() else []
    ran = {r["mutant"] for r in results}
    order = [m.name for m in MUTANTS]
    merged = [r for r in kept if r["mutant"] not in ran and r["mutant"] in order] + results
    path.write_text(json.dumps(sorted(merged, key=lambda r: order.index(r["mutant"])), indent=2))
    survived = [r["mutant"] for r in results if not r["caught"]]
    print(f"{len(results) - len(survived)}/{len(results)} mutants caught" + (f"; survived: {survived}" if survived else ""))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
