import pytest

from domain.catalogues.catalogue import Catalogue, Control
from domain.catalogues.library import shipped
from domain.catalogues.listing import controls_page
from domain.shared.errors import ValidationFailed


@pytest.fixture
def annex() -> Catalogue:
    catalogue = shipped().catalogue("iso27001-2022")
    assert catalogue is not None
    return catalogue


def ids(found: list[Control]) -> list[str]:
    return [control.id for control in found]


def test_a_page_starts_after_the_control_given_in_natural_order(annex: Catalogue) -> None:
    assert ids(controls_page(annex, 3)) == ["5.1", "5.2", "5.3"]
    assert ids(controls_page(annex, 3, after="5.9")) == ["5.10", "5.11", "5.12"]
    assert ids(controls_page(annex, 3, after="5.37")) == ["6.1", "6.2", "6.3"]
    assert ids(controls_page(annex, 3, after="8.34")) == []


def test_the_theme_and_every_word_of_the_search_narrow_the_page(annex: Catalogue) -> None:
    assert ids(controls_page(annex, 20, group="physical", after="7.12")) == ["7.13", "7.14"]
    assert ids(controls_page(annex, 20, search="  NETWORK   services ")) == ["8.21"]
    assert ids(controls_page(annex, 20, group="people", search="data")) == []


def test_an_unknown_theme_or_a_search_with_control_characters_is_refused_by_name(annex: Catalogue) -> None:
    with pytest.raises(ValidationFailed) as unknown:
        controls_page(annex, 20, group="A.5")
    assert unknown.value.field == "group"
    with pytest.raises(ValidationFailed) as control:
        controls_page(annex, 20, search="cloud\u0007")
    assert control.value.field == "search"
