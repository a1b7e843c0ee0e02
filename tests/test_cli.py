"""The ``datamap`` command follows the conventions users know: ``-h``/``--help`` and help
text on every option, ``--version``, choices checked by the parser (exit 2, one line naming
the valid values, no traceback, nothing heavy imported), ``--x/--no-x`` flags, and the
exit codes docs/cli.md documents (1 data, 2 usage, 3 storage unreachable)."""
from __future__ import annotations

import enum
import json
import os
import subprocess
import sys
import typing

import pytest
import typer
from typer.testing import CliRunner

from datamap.cli.main import app

# modules a parser-level error must never have loaded (each costs seconds to import)
HEAVY = ("prefect", "torch", "umap", "bertopic", "sklearn", "great_expectations", "polars", "fastapi",
         "uvicorn", "sentence_transformers", "onnxruntime", "openTSNE", "numba", "scipy")


def _commands(group=None, path=()):
    """(command path, click command) for every leaf command of the CLI."""
    group = group or typer.main.get_command(app)
    for name, sub in sorted(group.commands.items()):
        if hasattr(sub, "commands"):
            yield from _commands(sub, (*path, name))
        else:
            yield (*path, name), sub


COMMANDS = dict(_commands())


def _choice_param(cmd) -> tuple[str, list[str]] | None:
    """The first option of ``cmd`` whose annotation is an Enum: (flag, valid values)."""
    hints = typing.get_type_hints(cmd.callback)
    for p in cmd.params:
        ann = hints.get(p.name)
        for t in (ann, *typing.get_args(ann), *[a for x in typing.get_args(ann) for a in typing.get_args(x)]):
            if isinstance(t, type) and issubclass(t, enum.Enum):
                return p.opts[0], [m.value for m in t]
    return None


def _required_args(cmd) -> list[str]:
    """Placeholders for required arguments and options, so only the bad choice is wrong."""
    out: list[str] = []
    for p in cmd.params:
        if getattr(p, "required", False):
            out += ["x"] if p.param_type_name == "argument" else [p.opts[0], "x"]
    return out


def test_the_cli_has_the_commands_the_docs_name():
    for want in (("build",), ("versions",), ("datasets",), ("gc",), ("serve",), ("export",), ("diff",),
                 ("tag", "add"), ("tag", "list"), ("outliers",)):
        assert want in COMMANDS, sorted(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_has_help_on_every_option(path):
    cmd = COMMANDS[path]
    for flag in ("-h", "--help"):
        r = CliRunner().invoke(app, [*path, flag])
        assert r.exit_code == 0 and "Usage" in r.output, r.output
    assert cmd.help, f"{' '.join(path)} has no description"
    bare = [p.opts[0] for p in cmd.params if p.param_type_name == "option" and not (p.help or "").strip()]
    assert not bare, f"{' '.join(path)}: options without help: {bare}"


def test_flags_read_as_on_off_pairs():
    """``--topics/--no-topics``, never ``--no-topics/--no-no-topics``."""
    for path, cmd in COMMANDS.items():
        for p in cmd.params:
            for o in (*p.opts, *getattr(p, "secondary_opts", [])):
                assert not o.startswith("--no-no-"), (path, o)
    build = {o for p in COMMANDS[("build",)].params for o in (*p.opts, *p.secondary_opts)}
    assert {"--topics", "--no-topics", "--dedupe", "--no-dedupe", "--outliers", "--no-outliers"} <= build


_DRIVER = r"""
import contextlib, io, json, sys
from datamap.cli.main import main
cases, heavy_names = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
out = {}
for args in cases:
    sys.argv = ["datamap", *args]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code
    out[" ".join(args)] = {"code": code, "stderr": err.getvalue()}
heavy = sorted({m.split(".")[0] for m in sys.modules} & heavy_names)
print(json.dumps({"runs": out, "heavy": heavy}))
"""


def _drive(cases: list[list[str]]) -> dict:
    env = {**os.environ, "COLUMNS": "200"}
    p = subprocess.run([sys.executable, "-c", _DRIVER, json.dumps(cases), json.dumps(HEAVY)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_every_command_refuses_a_bad_choice_as_a_usage_error():
    """One invalid choice per command (an unknown option where it has no choices): exit 2,
    one line naming every valid value, no traceback, and nothing heavy imported."""
    cases, expect = [], {}
    for path, cmd in COMMANDS.items():
        choice = _choice_param(cmd)
        if choice:
            flag, valid = choice
            args = [*path, *_required_args(cmd), flag, "bogus"]
        else:
            args, valid = [*path, *_required_args(cmd), "--no-such-option"], []
        cases.append(args)
        expect[" ".join(args)] = valid
    got = _drive(cases)
    assert got["heavy"] == [], f"a usage error imported {got['heavy']}"
    with_choices = 0
    for key, valid in expect.items():
        run = got["runs"][key]
        assert run["code"] == 2, (key, run)
        assert "Traceback" not in run["stderr"], run["stderr"]
        lines = [ln for ln in run["stderr"].splitlines() if ln.startswith("error:")]
        assert len(lines) == 1, run["stderr"]
        if valid:
            with_choices += 1
            assert all(f"'{v}'" in lines[0] for v in valid) and "'bogus'" in lines[0], (key, lines[0])
    # build has five choice options; at least build and the ones beside it are covered
    assert with_choices >= 1


@pytest.mark.parametrize("flag,valid", [("--embed-mode", ["quality", "exact", "fast", "torch"]),
                                        ("--on-invalid", ["fail", "skip"]),
                                        ("--projection", ["umap", "tsne", "pca", "auto"]),
                                        ("--latent-dtype", ["float32", "float16"]),
                                        ("--runner", ["local", "dask"])])
def test_each_build_choice_is_checked_by_the_parser(flag, valid):
    got = _drive([["build", "in.csv", "-d", "x", flag, "bogus"]])
    run = next(iter(got["runs"].values()))
    assert run["code"] == 2 and got["heavy"] == []
    line = next(ln for ln in run["stderr"].splitlines() if ln.startswith("error:"))
    assert flag in line and all(f"'{v}'" in line for v in valid), line


def test_the_installed_entry_point_exits_2_on_a_usage_error():
    p = subprocess.run([sys.executable, "-m", "datamap.cli.main", "build", "in.csv", "-d", "x",
                        "--on-invalid", "bogus"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "'fail', 'skip'" in p.stderr


def test_version_and_short_help():
    from datamap import __version__

    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.strip() == f"datamap {__version__}"
    r = CliRunner().invoke(app, ["-h"])
    assert r.exit_code == 0 and "build" in r.output


def test_layout_flags_the_method_ignores_are_refused():
    got = _drive([["build", "in.csv", "-d", "x", "--projection", "tsne", "--n-neighbors", "5"],
                  ["build", "in.csv", "-d", "x", "--projection", "umap", "--perplexity", "5"],
                  ["build", "in.csv", "-d", "x", "--set", "no-equals-sign"]])
    for key, run in got["runs"].items():
        assert run["code"] == 2, (key, run)
    assert "--n-neighbors applies to --projection umap or auto, not tsne" in " ".join(
        got["runs"]["build in.csv -d x --projection tsne --n-neighbors 5"]["stderr"].split())


def test_set_reaches_any_stage_option():
    from datamap.cli.build_options import build_options

    opts = build_options({"embed_mode": "quality"}, {"method": "tsne", "seed": 1, "perplexity": 12.0},
                         topics={}, dedupe={}, outliers={}, image_field=None,
                         settings=["topics.depths=2", "dedupe.tag_duplicates=false", "index.connectivity=32",
                                   "topics.stop_words=none-such", "batch_size=8"])
    assert opts["topics"] == {"depths": 2, "stop_words": "none-such"}
    assert opts["dedupe"] == {"tag_duplicates": False} and opts["index"] == {"connectivity": 32}
    assert opts["batch_size"] == 8
    assert opts["projection"] == {"method": "tsne", "seed": 1, "perplexity": 12.0}   # no UMAP keys for t-SNE
    with pytest.raises(typer.BadParameter, match="--no-topics"):
        build_options({}, {"method": "umap"}, topics=None, dedupe={}, outliers={}, image_field=None,
                      settings=["topics.depths=2"])


def test_data_errors_exit_1_and_list_what_exists(tmp_path):
    store = str(tmp_path / "store")
    for args in (["versions", "nope"], ["gc", "nope"]):
        r = CliRunner().invoke(app, [*args, "--store", store])
        assert r.exit_code == 1, (args, r.output)
        assert "no published map named 'nope'" in " ".join(r.output.split())


def test_exit_codes_by_error_class():
    from datamap.cli import exits
    from datamap.resources.errors import DatasetNotFound, InvalidOption, StorageUnreachable, ValidationFailed

    assert exits.exit_code_for(StorageUnreachable("x")) == exits.STORAGE_UNREACHABLE == 3
    assert exits.exit_code_for(InvalidOption("x")) == exits.USAGE_ERROR == 2
    assert exits.exit_code_for(ValidationFailed("x")) == exits.exit_code_for(DatasetNotFound("x")) == 1


@pytest.mark.parametrize("options,match", [
    ({"projection": {"method": "umap", "learning_rat": 200}}, r"unknown projection option\(s\) learning_rat: valid"),
    ({"projection": {"method": "umapp"}}, r"unknown projection method 'umapp': choose one of umap, tsne, pca, auto"),
    ({"projection": {"extra": ["tsen"]}}, r"unknown extra projection 'tsen'"),
    ({"index": {"conectivity": 3}}, r"unknown index option\(s\) conectivity: valid index options are .*connectivity"),
    ({"topics": {"depth": 2}}, r"unknown topics option\(s\) depth: valid .*depths"),
    ({"tiles": {"capacty": 2}}, r"unknown tiles option\(s\) capacty"),
    ({"topics": {"kmeans_starts": 0}}, r"topics option kmeans_starts must be a whole number ≥ 1, got 0"),
    # values too: a text where a number belongs (auto picking t-SNE never read n_neighbors)
    ({"projection": {"n_neighbors": "many"}}, r"projection option n_neighbors must be an integer >= 2, got 'many'"),
    ({"projection": {"learning_rate": "fast"}}, r"learning_rate must be a number > 0 or auto"),
    ({"projection": {"perplexity": 0}}, r"perplexity must be a number > 0"),
    ({"projection": {"refine_alpha": 4}}, r"projection option refine_alpha must be a number > 0 and <= 1, or null, got 4"),
    # a labeller that cannot load failed in the topics stage, after embedding and layout
    ({"topics": {"labeller": "nosuchmod:x"}}, r"labeller 'nosuchmod:x': no module 'nosuchmod'"),
    ({"topics": {"labeller": "openai"}}, r"'openai' labeller needs the server's URL"),
    ({"topics": {"labeller": "bogus"}}, r"unknown labeller 'bogus'; choose one of contrastive"),
])
def test_every_stage_option_is_checked_before_any_work(options, match):
    """What ``--set`` sends is parsed by each stage's own parser when the build starts,
    not after ingest and embedding (an unknown projection key failed after 26 s)."""
    from datamap.flows.build_map import check_options
    from datamap.resources.errors import DatamapError

    with pytest.raises(DatamapError, match=match) as e:
        check_options(options, "ds")
    from datamap.cli import exits

    assert exits.exit_code_for(e.value) == exits.USAGE_ERROR
    import time

    import datamap

    t0 = time.perf_counter()     # the public build_map refuses before its flow (and API server) starts
    with pytest.raises(DatamapError, match=match):
        datamap.build_map("no-such-file.csv", "ds", options=options)
    assert time.perf_counter() - t0 < 5


def test_tsne_learning_rate_is_an_option():
    """t-SNE's learning rate reaches openTSNE (``--learning-rate`` / ``projection.learning_rate``)."""
    import numpy as np

    from datamap.tasks.project import layout
    from datamap.tasks.project.umap import ProjectionOptions

    x = np.random.default_rng(0).normal(size=(150, 16)).astype(np.float32)
    slow = layout(x, ProjectionOptions(method="tsne", learning_rate=1.0))
    auto = layout(x, ProjectionOptions(method="tsne"))
    assert slow.info["learning_rate"] == 1.0 and auto.info["learning_rate"] == "auto"
    assert not np.allclose(slow.xy, auto.xy)


def test_a_wrong_stage_option_is_refused_without_importing_the_build_stack():
    """``--set projection.bogus=1`` is found by the options check, which runs before
    Prefect or any stage is imported (it took 24 s on a busy machine when the check
    came after importing the flow)."""
    got = _drive([["build", "in.csv", "-d", "x", "--set", "projection.bogus=1"],
                  ["build", "in.csv", "-d", "x", "--set", "projection.n_neighbors=many"]])
    assert got["heavy"] == [], f"the options check imported {got['heavy']}"
    bogus, many = got["runs"].values()
    assert bogus["code"] == many["code"] == 2
    assert "unknown projection option(s) bogus: valid projection options are" in " ".join(bogus["stderr"].split())
    assert "n_neighbors must be an integer >= 2" in " ".join(many["stderr"].split())
