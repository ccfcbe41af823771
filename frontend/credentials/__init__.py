"""A label's public verification page: no sign-in; what a labelling body says of one of its credentials today."""

from pathlib import Path

from frontend.credentials.pages import VerificationPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("credentials", Path(__file__).parent, (VerificationPages,))
