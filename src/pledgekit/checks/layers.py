"""The layers after the structure layer, in the order their issues are reported; each implements
``checks/interface.Layer`` and is started per resource by the orchestrator."""

from __future__ import annotations

from .areas import Areas
from .cells import Cells
from .consistency import Figures
from .districts import Districts
from .divisions import Divisions
from .domain import Domain
from .interface import Start
from .provenance import Provenance
from .statements import Statements
from .wording import Wording

LAYERS: tuple[Start, ...] = (
    Cells.start,
    Districts.start,
    Divisions.start,
    Areas.start,
    Domain.start,
    Provenance.start,
    Wording.start,
    Statements.start,
    Figures.start,
)
