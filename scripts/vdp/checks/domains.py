"""Which sites are copies of other publishers' articles, and which may never be cited at all.

A copy (an aggregator or repost site) may be cited only when the publisher's original page cannot be found; it is
marked `page_kind` = copy, with the original's address in `original_url` where it is known. Gambling, lottery,
streaming and content-farm sites are never a source: they are refused whatever the row.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

# Sites that republish other publishers' articles (the original publisher is usually named at the foot).
COPY_SITES = {
    "talkvietnam.org",
    "vietmaz.com",
    "baomoi.com",
    "newsbreak.com",
    "devdiscourse.com",
    "urdupoint.com",
    "vietreader.com",
    "tellerreport.com",
    "laitimes.com",
    "einpresswire.com",
    "newsnpr.org",
    "vnexpressnews.net",
    "bantinkinhte.com",
    "vietnam-dvg.com",
    "saigonmoi24.com",
    "canhco.net",
    "vn24h.vn",
    "aazad.com",
    "metro.us",
    "vietgiaitri.com",
    "docnhanh.vn",
    "dinhduong.info",
    "haynhat.vn",
    "vietexplorer.com",
    "vietbao.vn",
    "indexmundi.com",
    "reliefweb.int",
    "vdong.vn",
    "businessnewsasia.com",
    "vglobalnews.org",
    "chinaservicesinfo.com",
    "federalnewsnetwork.com",
    "bjtitle.com",
    "hao0770.com",
}
# Never a source, with the reason CONTRIBUTING gives.
DENIED_SITES = {
    "168betvisa-slots.com": "a betting site",
    "xosobinhdinh.org": "a lottery site",
    "xemdabongnet.net": "a football-streaming site",
    "news.vietpage.com": "a content farm that rewrites other outlets' articles",
    "thuviensuckhoe.org": "a content farm that reposts newspaper articles",
    "streamnews.net": "a content farm that reposts newspaper articles",
    "pllib.com": "a content farm that reposts newspaper articles",
}


# An http(s) address whose host is a plain lower-case domain name (no user, port or IP address) with a letter in its
# last label: most sources. Such an address needs no closer reading, and its host is the captured group.
PLAIN_URL = re.compile(r"https?://((?:[a-z0-9-]+\.)*[a-z0-9-]*[a-z][a-z0-9-]*)(?=[/?#]|\Z)")
SITE_PREFIXES = re.compile(r"^(?:www\.)?(?:m\.)?(?:amp\.)?")


def sites_of(urls: pd.Series) -> pd.Series:
    """site_of for a column of addresses, reading only the addresses that are not plain (see PLAIN_URL) one by one."""
    sites = urls.str.extract(PLAIN_URL, expand=False).str.replace(SITE_PREFIXES, "", regex=True)
    unusual = sites.isna()
    sites[unusual] = urls[unusual].map(site_of)
    return sites


def site_of(url: str) -> str:
    """The site of an address: its host without www., m. or amp. in front."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def _listed(site: str, sites) -> str | None:
    """The listed site that a host is or belongs to (tintuc.vdong.vn belongs to vdong.vn)."""
    return next((s for s in sites if site == s or site.endswith("." + s)), None)


def is_copy_site(site: str) -> bool:
    """Whether a site (see site_of) republishes other publishers' articles."""
    return _listed(site, COPY_SITES) is not None


def denial(site: str) -> str | None:
    """Why a site (see site_of) may never be cited, or None."""
    listed = _listed(site, DENIED_SITES)
    return DENIED_SITES[listed] if listed else None
