"""Names spelt with or without accents, apostrophes or special letters normalise alike."""

import pytest

from marac.people.normalise import normalise_name


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        (("Zoë", "O'Neill"), "zoe oneill"),
        (("Łukasz", "Wójcik"), "lukasz wojcik"),
        (("Søren", "Ærø"), "soren aero"),
        (("Jürgen", "Straße"), "jurgen strasse"),
        (("Aylın", "Yıldız"), "aylin yildiz"),
        (("Mary-Jane", "  Smith "), "mary jane smith"),
        (("Siobhán", "Ó Briain"), "siobhan o briain"),
        (("Олександр", "Коваленко"), "oleksandr kovalenko"),
        (("Фёдор", "Соловьёв"), "fedor solovev"),
        (("Γεώργιος", "Παπαδόπουλος"), "georgios papadopoulos"),
        (("Mehmet", "Yılmaz"), "mehmet yilmaz"),
    ],
)
def test_variants_normalise_to_the_plain_spelling(written, plain):
    assert normalise_name(*written) == plain


def test_different_names_stay_different():
    assert normalise_name("Ana", "Silva") != normalise_name("Anna", "Silva")
