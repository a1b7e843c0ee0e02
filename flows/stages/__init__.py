"""One Prefect task per pipeline stage, each named after its stage.

A stage reads the build's work area, calls the pure functions in ``datamap.tasks`` and
writes its outputs back to the work area; the flow in ``datamap.flows.build_map`` only
orders them. Each file also holds the stage's refresh variant where it has one."""
