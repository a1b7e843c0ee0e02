"""What the stages run on: the work area, the cache decorator, task runners (local or
Dask), the Dask-parallel parts and the run artifacts shown in Prefect."""
