"""Installs the repository's top-level folders as one package, ``datamap``.

The folders keep the pipeline's shape at the top of the repository (``flows/``,
``tasks/``, ``resources/``, …) while the only import name installed is ``datamap``:
each folder is mapped to ``datamap.<folder>`` and its subpackages are found by
``find_namespace_packages``, never listed by hand. Metadata lives in pyproject.toml.
"""
from setuptools import find_namespace_packages, setup

FOLDERS = ("cli", "flows", "tasks", "resources", "viewer", "deployments")

packages = ["datamap"]
package_dir = {"datamap": "datamap"}
for folder in FOLDERS:
    package_dir[f"datamap.{folder}"] = folder
    packages += [f"datamap.{p}" for p in find_namespace_packages(include=[folder, f"{folder}.*"])
                 if "node_modules" not in p and "__pycache__" not in p and ".frontend" not in p]

setup(packages=packages, package_dir=package_dir)
