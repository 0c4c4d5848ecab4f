"""``python -m cjresearch.sample``: write a sample client or a large event log."""

from cjresearch.sample.generator import main

raise SystemExit(main())
