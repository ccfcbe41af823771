"""Benchmark: an approved Statement of Applicability of all 133 controls of the 2005 catalogue, exported as XLSX and
PDF (the goal: under 2 s each), and as OSCAL JSON, on SQLite.

Run with `.venv/bin/python -m tests.perf.bench_soa`. It prints figures; it asserts nothing.
Kirchberg Dental's member starts its statement on the 2005 edition and decides every control through the
application (each justified, every third one linked to a document), submits version 1, and the coach approves it.
Each figure is then the median (and the slowest) of `--repeats` runs, in milliseconds: reading the version from the
read model as the member's scope sees it, and writing each file from it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

from backend.demo import seed_demo
from backend.exports.soa import SoaFile, soa_oscal, soa_pdf, soa_xlsx
from backend.services import Services, build_services
from backend.settings import Settings
from domain.catalogues.library import shipped
from domain.documents.commands import CreateDocument
from domain.organisations.organisation import organisation_id
from domain.soa import commands as c
from domain.soa.rules import IMPLEMENTATION_ORDER, InclusionReason
from domain.tenancy.account import account_id
from domain.tenancy.consultancy import consultancy_id
from projections.core.scope import Scope

DAY = date(2027, 1, 4)
JUSTIFICATION = (
    "Decided at the coaching half-day with the managing director: the control answers a risk of the register and "
    "a customer's contract asks for it; its owner reports on it at each management review."
)


def figures(repeats: int, run: Callable[[], object]) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def approved_statement(services: Services, tenant: UUID, organisation: UUID) -> float:
    """Every control of the 2005 catalogue decided, version 1 submitted and approved; answers the seconds taken."""
    started = time.perf_counter()
    member, coach = account_id("member@kirchberg.example"), account_id("coach@alpine.example")
    own = (tenant, member, organisation)
    policy = services.app.handle(CreateDocument(*own, "policy", "Access policy", "Dr Weber", "Text")).aggregate_id
    services.app.handle(c.StartStatement(*own, "iso27001-2005"))
    catalogue = shipped().catalogue("iso27001-2005")
    assert catalogue is not None
    for n, control in enumerate(catalogue.controls):
        if n % 5 == 4:
            decision = c.DecideControl(*own, control.id, False, f"{control.title}: not done here. {JUSTIFICATION}")
        else:
            reasons = (InclusionReason.RISK_TREATMENT, InclusionReason.CONTRACTUAL)
            status = IMPLEMENTATION_ORDER[n % len(IMPLEMENTATION_ORDER)]
            evidence = (policy,) if n % 3 == 0 else ()
            decision = c.DecideControl(*own, control.id, True, JUSTIFICATION, reasons, status, evidence)
        services.app.handle(decision)
    services.app.handle(c.SubmitStatement(*own, 1))
    services.app.handle(c.ApproveStatement(tenant, coach, organisation, 1))
    services.runner.catch_up()
    return time.perf_counter() - started


def read_file(services: Services, scope: Scope, organisation: UUID) -> SoaFile:
    queries = services.queries.soa
    version = next(v for v in queries.versions(scope, organisation) if v.number == 1)
    catalogue = shipped().catalogue(version.catalogue_id)
    assert catalogue is not None
    controls = queries.version_controls(scope, organisation, 1)
    return SoaFile(organisation, "Kirchberg Dental", "Alpine Coaching", catalogue, version, controls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(Settings(env="test", data_dir=Path(folder)))
        services.app.today = lambda: DAY
        seed_demo(services, DAY)
        tenant = consultancy_id("alpine")
        organisation = organisation_id(tenant, "Kirchberg Dental")
        seconds = approved_statement(services, tenant, organisation)
        print(f"133 controls decided, version 1 submitted, approved and projected in {seconds:.1f} s")
        scope = Scope(tenant, organisation_id=organisation)
        file = read_file(services, scope, organisation)
        assert len(file.controls) == 133
        cases: dict[str, Callable[[], object]] = {
            "read the approved version": lambda: read_file(services, scope, organisation),
            "XLSX": lambda: soa_xlsx(file),
            "PDF": lambda: soa_pdf(file),
            "OSCAL JSON": lambda: soa_oscal(file),
            "read and XLSX": lambda: soa_xlsx(read_file(services, scope, organisation)),
            "read and PDF": lambda: soa_pdf(read_file(services, scope, organisation)),
        }
        for name, run in cases.items():
            median, slowest = figures(args.repeats, run)
            print(f"133 controls (2005), {name}: median {median:.0f} ms, slowest {slowest:.0f} ms")
        sizes = {name: len(write(file)) for name, write in (("XLSX", soa_xlsx), ("PDF", soa_pdf), ("JSON", soa_oscal))}
        print("sizes: " + ", ".join(f"{name} {size // 1024} KiB" for name, size in sizes.items()))
        services.close()


if __name__ == "__main__":
    main()
