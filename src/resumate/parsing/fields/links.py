"""basics.url and basics.profiles: the person's links, and "user (Network)" / "Network: user"
mentions of known networks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from resumate.document import TextItem
from resumate.parsing.chars import has_letter
from resumate.parsing.fields.common import EMAIL_RE, URL_RE, Scored, absolute_url
from resumate.parsing.lines import Line
from resumate.parsing.skills import normalize_skill
from resumate.schema import Profile

NETWORKS: dict[str, tuple[str, str]] = {
    # domain -> (network name, url template for a bare username)
    "linkedin.com": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "github.com": ("GitHub", "https://github.com/{}"),
    "gitlab.com": ("GitLab", "https://gitlab.com/{}"),
    "twitter.com": ("Twitter", "https://twitter.com/{}"),
    "x.com": ("X", "https://x.com/{}"),
    "stackoverflow.com": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
    "medium.com": ("Medium", "https://medium.com/@{}"),
    "behance.net": ("Behance", "https://www.behance.net/{}"),
    "dribbble.com": ("Dribbble", "https://dribbble.com/{}"),
    "instagram.com": ("Instagram", "https://www.instagram.com/{}"),
    "facebook.com": ("Facebook", "https://www.facebook.com/{}"),
    "youtube.com": ("YouTube", "https://www.youtube.com/@{}"),
    "kaggle.com": ("Kaggle", "https://www.kaggle.com/{}"),
    "bitbucket.org": ("Bitbucket", "https://bitbucket.org/{}"),
    "codepen.io": ("CodePen", "https://codepen.io/{}"),
    "leetcode.com": ("LeetCode", "https://leetcode.com/{}"),
    "hackerrank.com": ("HackerRank", "https://www.hackerrank.com/{}"),
    "spotify.com": ("Spotify", "https://open.spotify.com/user/{}"),
    "angel.co": ("AngelList", "https://angel.co/u/{}"),
    "researchgate.net": ("ResearchGate", "https://www.researchgate.net/profile/{}"),
    "orcid.org": ("ORCID", "https://orcid.org/{}"),
    "mastodon.social": ("Mastodon", "https://mastodon.social/@{}"),
    "dev.to": ("dev.to", "https://dev.to/{}"),
    "reddit.com": ("Reddit", "https://www.reddit.com/user/{}"),
    "gitconnected.com": ("gitconnected", "https://gitconnected.com/{}"),
    "bsky.app": ("Bluesky", "https://bsky.app/profile/{}"),
    "xing.com": ("XING", "https://www.xing.com/profile/{}"),
    "huggingface.co": ("Hugging Face", "https://huggingface.co/{}"),
    "twitch.tv": ("Twitch", "https://www.twitch.tv/{}"),
    "tiktok.com": ("TikTok", "https://www.tiktok.com/@{}"),
    "t.me": ("Telegram", "https://t.me/{}"),
}
_NETWORK_BY_NAME = {name.lower().replace(" ", ""): dom for dom, (name, _) in NETWORKS.items()}
_NETWORK_BY_NAME |= {"twitter": "twitter.com", "x": "x.com", "linkedin": "linkedin.com"}
_NETWORK_BY_NAME |= {domain: domain for domain in NETWORKS if "." in domain.removesuffix(".com")}
# the path segments before the user name in a network's profile address ("in", "user")
_PROFILE_PREFIXES = frozenset(
    {"in", "u", "users", "profile"}
    | {
        part
        for _, template in NETWORKS.values()
        for part in template.split("://", 1)[1].split("{}", 1)[0].split("/")[1:]
        if part and not part.startswith("@")
    }
)
# Font Awesome's network icons, as a PDF's text layer (or OCR, see extract/icons.py) carries
# them before a user name: "\uf09b jdoe". X's icon stands for Twitter, whose addresses still work.
ICON_NETWORKS = {
    "\uf08c": "linkedin.com",
    "\uf0e1": "linkedin.com",
    "\ue7d0": "linkedin.com",
    "\uf09b": "github.com",
    "\uf092": "github.com",
    "\uf113": "github.com",
    "\uf099": "twitter.com",
    "\uf081": "twitter.com",
    "\ue61b": "twitter.com",
    "\ue61a": "twitter.com",
    "\uf296": "gitlab.com",
    "\uf16c": "stackoverflow.com",
    "\uf16d": "instagram.com",
    "\uf09a": "facebook.com",
    "\uf082": "facebook.com",
    "\uf39e": "facebook.com",
    "\uf23a": "medium.com",
    "\uf5fa": "kaggle.com",
    "\uf8d2": "orcid.org",
    "\uf4f8": "researchgate.net",
    "\uf1bc": "spotify.com",
    "\uf167": "youtube.com",
    "\uf17d": "dribbble.com",
    "\uf1b4": "behance.net",
    "\uf171": "bitbucket.org",
    "\uf1cb": "codepen.io",
    "\uf5f7": "hackerrank.com",
    "\uf4f6": "mastodon.social",
    "\uf1a1": "reddit.com",
    "\uf2c6": "t.me",
    "\uf168": "xing.com",
    "\ue671": "bsky.app",
}
# the user name ends its cell, or the next icon or separator follows ("\uf08c Jane Doe" is a label)
_ICON_HANDLE = re.compile(
    f"([{''.join(ICON_NETWORKS)}])\\s*@?(\\w[\\w.-]{{1,39}})(?=\\s*(?:$|[\ue000-\uf8ff|•·,;]))"
)
_USER_NETWORK = re.compile(r"@?([\w.-]{2,40})\s*\(\s*([A-Za-z][\w .]{0,20})\s*\)")
_NETWORK_USER = re.compile(r"\b([A-Za-z][\w ]{0,15}?)\s*:\s*@?([\w.-]{2,40})\b(?!:)")


def find_links(scope: Sequence[Line]) -> tuple[list[Scored], list[tuple[Profile, Scored]]]:
    urls: list[Scored] = []
    profiles: list[tuple[Profile, Scored]] = []
    seen: set[str] = set()
    for n, line in enumerate(scope):
        text = EMAIL_RE.sub(" ", line.text) if "@" in line.text else line.text
        following = scope[n + 1] if n + 1 < len(scope) else None
        in_prose = _is_prose(text)
        for match in URL_RE.finditer(text):
            url = match.group(0).rstrip(".,;)")
            if following is not None and match.end() == len(text.rstrip()):
                url += _url_rest(url, line, following)
            key = _url_key(url)
            if key in seen or _names_a_skill(url):
                continue
            seen.add(key)
            profile = _profile_from_url(url)
            if profile and not (in_prose and not _is_personal_page(key)):
                profiles.append((profile, Scored(url, 0.9, (line,), ("network_domain",))))
            elif in_prose:  # a page the text mentions, not the person's own link
                urls.append(Scored(absolute_url(url), 0.6, (line,), ("url_pattern", "in_prose")))
            elif not profile:
                urls.append(Scored(absolute_url(url), 0.8, (line,), ("url_pattern",)))
        for profile in _profiles_from_mentions(text):
            key = _url_key(profile.url or "")
            if key not in seen:
                seen.add(key)
                profiles.append(
                    (profile, Scored(profile.url or "", 0.75, (line,), ("network_mention",)))
                )
    return urls, profiles


PROSE_MIN_WORDS = 15


def _is_prose(text: str) -> bool:
    """A sentence or paragraph that mentions links, not a row of them: its words besides the
    links and their labels ("GitHub:") are many, or end a sentence."""
    rest = URL_RE.sub(" ", text)
    said = [w for w in rest.split() if has_letter(w) and not w.endswith(":")]
    return len(said) >= PROSE_MIN_WORDS or (rest.rstrip().endswith(".") and len(said) > 5)


_URL_REST = re.compile(r"[\w\-./?=&%#~+]{2,}(?=\s|$)")
_URL_ID = re.compile(r"(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}", re.IGNORECASE)  # a hexadecimal id


def _url_rest(url: str, line: Line, following: Line) -> str:
    """The rest of an address broken at the end of a line: after a hyphen ("indeed.com/r/Jay-"
    / "Madhavi/1e7d0305af766bf6"), or after a slash when what follows is more path or an id
    ("e490c0d49e5aa698"), not a word or a name ("linkedin.com/in/jroe/" / "Summary")."""
    if "/" not in _url_key(url) or following.index != line.index + 1:
        return ""
    rest = _URL_REST.match(following.text)
    if rest is None:
        return ""
    text = rest.group(0).rstrip(".,;)")
    if url.endswith("-") or (url.endswith("/") and ("/" in text or _URL_ID.fullmatch(text))):
        return text
    return ""


def _names_a_skill(url: str) -> bool:
    """A bare "domain" that is a technology's name ("ASP.NET"), not an address."""
    return "/" not in url and not url.lower().startswith("www.") and (
        normalize_skill(url) is not None
    )


def _url_key(url: str) -> str:
    url = re.sub(r"^https?://", "", url.lower())
    return url.removeprefix("www.").rstrip("/")


def _profile_from_url(url: str) -> Profile | None:
    host_path = _url_key(url)
    host, _, path = host_path.partition("/")
    for domain, (network, _template) in NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            parts = [p for p in path.split("/") if p and p not in _PROFILE_PREFIXES]
            username = parts[0].lstrip("@") if parts else None
            full = absolute_url(url)
            return Profile(network=network, username=username, url=full)
    return None


def profiles_behind_links(
    targets: Sequence[str], *, known: Sequence[str]
) -> list[tuple[Profile, Scored]]:
    """Profiles that only a link's target names (an icon or a bare user name in the text).

    Only a person's own page counts: one path segment after the network's prefix
    ("github.com/jdoe", "linkedin.com/in/jdoe"), not a repository or a company page.
    """
    seen = {_url_key(url) for url in known}
    found: list[tuple[Profile, Scored]] = []
    for target in targets:
        key = _url_key(target)
        profile = _profile_from_url(target)
        if profile is None or key in seen or not _is_personal_page(key):
            continue
        seen.add(key)
        found.append((profile, Scored(profile.url or "", 0.8, (), ("link_target",))))
    return found


def _is_personal_page(host_path: str) -> bool:
    host, _, path = host_path.partition("/")
    parts = [p for p in path.split("/") if p]
    if host.endswith("linkedin.com"):
        return len(parts) == 2 and parts[0] == "in"
    if host.endswith("stackoverflow.com"):
        return 2 <= len(parts) <= 3 and parts[0] == "users"
    return len(parts) == 1


_HANDLE = re.compile(r"@?[\w.-]{2,40}")


def profiles_under_labels(scope: Sequence[Line]) -> list[tuple[Profile, Scored]]:
    """Profiles set as a grid of network names, each over its user name ("GitHub | LinkedIn" /
    "jdoe | jane-doe"): the next line holds one user name under each name, left-aligned."""
    found: list[tuple[Profile, Scored]] = []
    for line, below in itertools.pairwise(scope):
        if below.index != line.index + 1 or len(below.cells) != len(line.cells):
            continue
        domains = [_network_named(cell.text) for cell in line.cells]
        pairs = list(zip(line.cells, below.cells, domains, strict=True))
        if all(domain and _is_handle_under(handle, label) for label, handle, domain in pairs):
            for _label, handle, domain in pairs:
                network, template = NETWORKS[domain or ""]
                username = handle.text.strip().lstrip("@")
                url = template.format(username)
                profile = Profile(network=network, username=username, url=url)
                found.append((profile, Scored(url, 0.7, (line, below), ("network_label_above",))))
    return found


def profiles_beside_icons(scope: Sequence[Line]) -> list[tuple[Profile, Scored]]:
    """Profiles written as a network's icon and a user name ("\uf09b jdoe"), the way resume
    templates set them when the address is only a link or not given at all."""
    found: list[tuple[Profile, Scored]] = []
    for line in scope:
        for match in (m for cell in line.cells for m in _ICON_HANDLE.finditer(cell.text)):
            username = match.group(2).rstrip(".")
            if _network_named(username) is not None:  # "\uf09b GitHub": a label, no name
                continue
            domain = ICON_NETWORKS[match.group(1)]
            network, template = NETWORKS[domain]
            # a Mastodon name lives on a server the icon does not name: no address is guessed
            url = None if domain == "mastodon.social" else template.format(username)
            profile = Profile(network=network, username=username, url=url)
            found.append((profile, Scored(url or username, 0.7, (line,), ("network_icon",))))
    return found


def _is_handle_under(handle: TextItem, label: TextItem) -> bool:
    text = handle.text.strip()
    return (
        _HANDLE.fullmatch(text) is not None
        and _network_named(text) is None  # a list of networks, one a line
        and abs(handle.x0 - label.x0) <= label.font_size
    )


def _network_named(text: str) -> str | None:
    return _NETWORK_BY_NAME.get(text.strip().lower().replace(" ", ""))


def _profiles_from_mentions(text: str) -> list[Profile]:
    profiles = []
    for pattern, user_group, net_group in ((_USER_NETWORK, 1, 2), (_NETWORK_USER, 2, 1)):
        for match in pattern.finditer(text):
            net_key = match.group(net_group).lower().replace(" ", "")
            domain = _NETWORK_BY_NAME.get(net_key)
            if domain is None:
                continue
            network, template = NETWORKS[domain]
            username = match.group(user_group).strip(".")
            profiles.append(
                Profile(network=network, username=username, url=template.format(username))
            )
    return profiles
