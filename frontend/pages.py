"""The site: the pages of every feature, composed from one list, over the shared layout and error pages."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import BaseLoader, Environment, FileSystemLoader, PrefixLoader, select_autoescape

from frontend import (
    assets,
    audits,
    catalogues,
    changes,
    clusters,
    comparison,
    competence,
    context,
    credentials,
    documents,
    effort,
    engagement,
    evidence,
    feedback,
    history,
    home,
    incidents,
    isms,
    itil,
    labels,
    library,
    metrics,
    nonconformities,
    organisations,
    portfolio,
    reviews,
    risks,
    soa,
    tenancy,
    trail,
)
from frontend.ports import FrontendPorts
from frontend.site.errors import install_error_pages
from frontend.site.feature import PageFeature
from frontend.site.filters import install_filters
from frontend.site.history import install_history
from frontend.site.live import install_live

HERE = Path(__file__).parent

FEATURES = (
    home.FEATURE,
    tenancy.FEATURE,
    clusters.FEATURE,
    organisations.FEATURE,
    engagement.FEATURE,
    feedback.FEATURE,
    effort.FEATURE,
    comparison.FEATURE,
    catalogues.FEATURE,
    isms.FEATURE,
    documents.FEATURE,
    context.FEATURE,
    assets.FEATURE,
    soa.FEATURE,
    itil.FEATURE,
    risks.FEATURE,
    changes.FEATURE,
    incidents.FEATURE,
    reviews.FEATURE,
    competence.FEATURE,
    library.FEATURE,
    audits.FEATURE,
    nonconformities.FEATURE,
    metrics.FEATURE,
    history.FEATURE,
    evidence.FEATURE,
    trail.FEATURE,
    portfolio.FEATURE,
    labels.FEATURE,
    credentials.FEATURE,
)
"""Every feature with pages, in the order of the main navigation."""


def mount_pages(app: FastAPI, ports: FrontendPorts, features: Sequence[PageFeature] = FEATURES) -> None:
    templates = _site_templates() if features is FEATURES else page_templates(features)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for feature in features:
        for pages in feature.pages:
            app.router.routes.extend(pages(ports, templates).router.routes)
    install_live(app, ports, [page for feature in features for page in feature.live])
    install_error_pages(app, ports, templates)
    install_history(app, templates)


@functools.cache
def _site_templates() -> Jinja2Templates:
    """The site's templates, loaded once per process: every application of the process (tests build many) shares
    the compiled templates instead of compiling each again on its first page."""
    return page_templates(FEATURES)


def page_templates(features: Sequence[PageFeature]) -> Jinja2Templates:
    """Templates named `site/…` for the layout, forms and error pages, `<feature>/…` for each feature's pages."""
    loaders: dict[str, BaseLoader] = {"site": FileSystemLoader(HERE / "site" / "layout")}
    loaders |= {feature.name: FileSystemLoader(feature.templates) for feature in features}
    environment = Environment(loader=PrefixLoader(loaders), autoescape=select_autoescape())
    install_filters(environment)
    environment.globals["main_nav"] = [feature.nav for feature in features if feature.nav]
    environment.globals["admin_nav"] = [link for feature in features for link in feature.admin_nav]
    environment.globals["staff_nav"] = [link for feature in features for link in feature.staff_nav]
    for feature in features:
        environment.globals.update(feature.template_globals)
    return Jinja2Templates(env=environment)
