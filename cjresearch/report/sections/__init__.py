"""The parts of each report section, as the section notebooks call them.

Each part takes a :class:`~cjresearch.report.study.Study`, shows its heading and
narrative in the report language, then its charts and tables, or says, in
the report language, what could not be measured and why.  The notebooks only
call these parts in order; a researcher can call them in JupyterLab too.
"""

from __future__ import annotations

from cjresearch.report.sections import overview, painpoints, progression, summary, survey

__all__ = ["overview", "painpoints", "progression", "summary", "survey"]
