"""The timeline is cut into pages of at most EVENTS_PER_PAGE events, each reachable without JavaScript."""

from __future__ import annotations

import re

import pandas as pd

from vdp.package.resources import PACKAGE_DIR, load_resources, load_typed
from vdp.site.labels import Labels
from vdp.site.timeline import EVENTS_PER_PAGE, timeline_pages

RESOURCES = load_resources(PACKAGE_DIR)
TABLES = load_typed(PACKAGE_DIR)


def with_more_contacts(copies: int) -> dict[str, pd.DataFrame]:
    """The real tables with each contact repeated under new ids (the timeline shows contacts as events)."""
    contacts = TABLES["contacts"]
    extra = [contacts.assign(contact_id=contacts["contact_id"] + f"-copy{k}") for k in range(copies)]
    return {**TABLES, "contacts": pd.concat([contacts, *extra], ignore_index=True)}


def test_the_real_timeline_is_one_page_in_each_language():
    for lang in ("en", "vi"):
        pages = timeline_pages(TABLES, Labels(TABLES, RESOURCES, lang))
        assert list(pages) == ["timeline.md" if lang == "en" else "timeline.vi.md"]
        assert 'class="table-pages"' not in pages[next(iter(pages))]


def test_a_long_timeline_is_cut_into_capped_pages_that_link_each_other():
    tables = with_more_contacts(4)
    total = len(tables["contacts"]) + len(tables["donations"])
    assert total > 2 * EVENTS_PER_PAGE
    for lang, suffix in (("en", ".md"), ("vi", ".vi.md")):
        pages = timeline_pages(tables, Labels(tables, RESOURCES, lang))
        expected = -(-total // EVENTS_PER_PAGE)
        assert list(pages) == [f"timeline{suffix}"] + [f"timeline-{n}{suffix}" for n in range(2, expected + 1)]
        links = [re.findall(r'href="\.\./data/(?:donations|contacts)(?:-\d+)?/#[^"]+"', page) for page in pages.values()]
        counts = [page.count('<li class="event ') for page in pages.values()]
        assert all(count <= EVENTS_PER_PAGE for count in counts) and sum(counts) == total
        assert sum(len(found) for found in links) == total  # every event once, with its row link
        for number, page in enumerate(pages.values(), start=1):
            hrefs = set(re.findall(r'<nav class="table-pages".*?</nav>', page, re.S)[0].split('href="')[1:])
            targets = {href.split('"')[0] for href in hrefs}
            assert targets == {"../timeline/" if n == 1 else f"../timeline-{n}/" for n in range(1, expected + 1)} - {
                "../timeline/" if number == 1 else f"../timeline-{number}/"
            }
            assert ("search:\n  exclude: true" in page) == (number > 1)
