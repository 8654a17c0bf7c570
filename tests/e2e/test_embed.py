"""End to end, the scroll-driven embed: the static edition inside an article on another origin,
through the article's script (embed.js). The article scrolls as one page and steps the story."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Frame, Page

from storymap.model.resolve import ResolvedStory
from support.devserver import SCREENSHOTS, serve_folder
from support.seen import AT_REST
from tests.e2e.reader import TIMEOUT_MS

SIZES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 850}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
WHEEL_PX = 150  # shorter than any passage, so none slips past the reading line unseen
LEAD_PX = 24  # the reader (reader/moves.js) brings a passage this far above the reading line
PARAGRAPH = (
    "The council met again on Tuesday, and the questions were the ones readers have sent us all "
    "month: who pays, who decides, and how long the road will be closed. Officials said the "
    "schedule depends on the weather and on a tender that has not yet been awarded. Residents "
    "who spoke at the meeting asked for a written timetable and for the minutes to be published "
    "within a week, which the chair promised. "
)
HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src {site}; frame-src 'self' {site} {third}; style-src 'self'; img-src data:">
<title>An article with a map story</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="host.css">
</head>
<body>
<article>
<h1>An article with a map story</h1>
{before}
<div class="storymap-embed" data-src="{site}/?section={section}"></div>
<script src="{site}/embed.js" async></script>
<script src="{site}/embed.js" async></script>
<p id="after">After the story, the article goes on. {paragraph}</p>
{after}
<iframe id="third" src="{third}/blank.html" title="A widget from another site"></iframe>
<iframe id="sibling" src="blank.html" title="A widget of the article's own"></iframe>
<iframe id="same-site" src="{site}/maps/{section}.svg" title="A picture from the story's own site"></iframe>
</article>
</body>
</html>
"""
HOST_CSS = """body { margin: 0; font: 18px/1.6 Georgia, serif; color: #222; }
article > h1, article > p { max-width: 40rem; margin: 1em auto; padding: 0 1rem; }
#third, #sibling, #same-site { display: block; width: 300px; height: 60px; border: 0; margin: 1rem auto; }
"""
# Two stories in one article, the script before them; a third is added later by the test.
SEVERAL_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>Two stories</title><link rel="icon" href="data:,"><link rel="stylesheet" href="host.css">
</head>
<body>
<article>
<script src="{site}/embed.js" async></script>
<p>{paragraph}</p>
<div class="storymap-embed" id="one" data-src="{site}/" data-title="The first story"></div>
<p>{paragraph}</p>
<div class="storymap-embed" id="two" data-src="{site}/?section={section}"></div>
<p>{paragraph}</p>
</article>
</body>
</html>
"""
BLANK_PAGE = '<!doctype html><html lang="en"><head><title>Blank</title><link rel="icon" href="data:,"></head></html>\n'

# The host page's scroll has stopped for a few frames.
_SETTLED = """
() => new Promise((resolve) => {
  let last = scrollY, still = 0;
  const tick = () => {
    still = scrollY === last ? still + 1 : 0;
    last = scrollY;
    if (still >= 4) { resolve(); } else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})
"""
# The frame has handled the viewport the article posted frames ago (a task; an offscreen frame of
# another origin gets no animation frames).
_FRAMES = "() => new Promise((resolve) => setTimeout(resolve, 30))"
# The map is zoomed in beyond the frame it was sent to.
ZOOMED_IN = (
    "() => { const c = document.querySelector('.leaflet-container').dataset;"
    " return Number(c.view.split(',')[2]) > Number(c.frameView.split(',')[2]); }"
)
_HOST_STATE = """
() => {
  const frame = document.querySelector('.storymap-embed iframe');
  const box = frame.getBoundingClientRect();
  return {scrollY, innerHeight, innerWidth, top: box.top, height: box.height, title: frame.title,
          after: document.getElementById('after').getBoundingClientRect().top};
}
"""
# Boxes are in the frame's own coordinates; it never scrolls, so they are its page's coordinates.
_FRAME_STATE = """
() => {
  const rect = (el) => { const b = el.getBoundingClientRect();
                         return {top: b.top, bottom: b.bottom, width: b.width, left: b.left}; };
  return {
    scrollTop: document.scrollingElement.scrollTop,
    content: document.documentElement.getBoundingClientRect().height,
    map: rect(document.querySelector('.site-map-frame')),
    panel: rect(document.querySelector('.st-key-map-panel')),
    layout: rect(document.querySelector('.site-layout')),
    passages: Array.from(document.querySelectorAll('.passage[data-section]'), (el) => {
      const title = el.querySelector('.passage-title').getBoundingClientRect();
      return {id: el.dataset.section, ...rect(el), titleTop: title.top, titleLeft: title.left};
    }),
    section: document.querySelector('.map-status').dataset.section,
    transform: document.querySelector('.site-map').style.transform,
  };
}
"""
_PROBE = """
() => {
  const status = document.querySelector('.map-status');
  window.__shown = [status.dataset.section];
  new MutationObserver(() => {
    if (status.dataset.section !== window.__shown.at(-1)) { window.__shown.push(status.dataset.section); }
  }).observe(status, {attributes: true, attributeFilter: ['data-section']});
}
"""
# A page of another origin (or another frame of the article's own) posing as either side.
_FORGE = """
() => {
  for (let i = 0; i < parent.frames.length; i++) {
    const frame = parent.frames[i];
    frame.postMessage({type: 'storymap:hello', version: 1}, '*');
    frame.postMessage({type: 'storymap:viewport', top: 0, height: 300, input: true}, '*');
  }
  parent.postMessage({type: 'storymap:hello', version: 1, title: 'Forged'}, '*');
  parent.postMessage({type: 'storymap:height', height: 40}, '*');
  parent.postMessage({type: 'storymap:scroll', top: -400, behavior: 'auto'}, '*');
}
"""


@dataclass(frozen=True)
class Origins:
    site: str  # the static edition, which embed.js and the story frame come from
    host: str  # the article
    third: str  # someone else


@pytest.fixture(scope="module")
def origins(static_site: str, resolved: ResolvedStory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origins]:
    """The article on one loopback port, a page of a third origin on another; the static edition
    on its own. The article links the story at its fifth section, which must not move it."""
    host, third = tmp_path_factory.mktemp("host"), tmp_path_factory.mktemp("third")
    (third / "blank.html").write_text(BLANK_PAGE, encoding="utf-8")
    (host / "blank.html").write_text(BLANK_PAGE, encoding="utf-8")
    (host / "host.css").write_text(HOST_CSS, encoding="utf-8")
    with serve_folder(host) as host_url, serve_folder(third) as third_url:
        page = HOST_PAGE
        for name, value in {
            "site": static_site,
            "third": third_url,
            "section": resolved.sections[4].id,
            "before": f"<p>{PARAGRAPH * 2}</p>\n" * 5,
            "after": f"<p>{PARAGRAPH * 2}</p>\n" * 5,
            "paragraph": PARAGRAPH,
        }.items():
            page = page.replace("{" + name + "}", value)
        (host / "host.html").write_text(page, encoding="utf-8")
        several = SEVERAL_PAGE.replace("{site}", static_site).replace("{section}", resolved.sections[4].id)
        (host / "several.html").write_text(several.replace("{paragraph}", PARAGRAPH), encoding="utf-8")
        yield Origins(site=static_site, host=host_url, third=third_url)


def _origin(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}"


def _frame(page: Page, prefix: str, contains: str = "") -> Frame:
    for _ in range(200):
        for frame in page.frames:
            if frame.url.startswith(prefix) and contains in frame.url:
                return frame
        page.wait_for_timeout(50)
    raise AssertionError(f"no frame at {prefix}")


def _settle(page: Page, story: Frame) -> None:
    page.evaluate(_SETTLED)
    story.evaluate(_FRAMES)


def _look(page: Page, story: Frame) -> tuple[dict[str, Any], dict[str, Any]]:
    """The article's view of its story frame, and the frame's own boxes."""
    return page.evaluate(_HOST_STATE), story.evaluate(_FRAME_STATE)


def _reading_line(host: dict[str, Any], state: dict[str, Any]) -> float:
    """The reading line in the article's viewport, by the story's own rule: 40% down the part of
    the screen the text has, which on a phone is what the map pinned on top leaves."""
    panel_top, panel_bottom = host["top"] + state["panel"]["top"], host["top"] + state["panel"]["bottom"]
    pinned = panel_top <= 8 and panel_bottom < host["innerHeight"] * 0.6
    pinned = pinned and state["panel"]["width"] >= host["innerWidth"] * 0.8
    text_top = panel_bottom if pinned else 0.0
    return float(text_top + (host["innerHeight"] - text_top) * 0.4)


def _expected(host: dict[str, Any], state: dict[str, Any]) -> str | None:
    """The passage at the reading line, read from the geometry in the article's coordinates; None
    where a passage's edge is too close to the line to tell."""
    line, found = _reading_line(host, state), state["passages"][0]["id"]
    for passage in state["passages"]:
        top = host["top"] + passage["top"]
        if abs(top - line) < 4:
            return None
        if top <= line:
            found = passage["id"]
    return str(found)


def _wait_for_section(story: Frame, section: str, timeout: float = TIMEOUT_MS) -> None:
    story.wait_for_function(
        "id => document.querySelector('.map-status').dataset.section === id", arg=section, timeout=timeout
    )


# Where the pointer rests for each notch of the wheel, in turn: over the text, then at a point over
# the map (as a share of its box), since readers' pointers rest wherever they happen to be.
POINTER_SPOTS: list[tuple[float, float] | None] = [None, (0.3, 0.3), (0.7, 0.5), None, (0.5, 0.8), (0.2, 0.6)]


def _pointer_at(page: Page, host: dict[str, Any], state: dict[str, Any], size: str, notch: int) -> None:
    """Rest the pointer over the text or over the map (the story's map lets a plain wheel scroll
    the article), by turns."""
    spot = POINTER_SPOTS[notch % len(POINTER_SPOTS)]
    frame_left = page.evaluate("() => document.querySelector('.storymap-embed iframe').getBoundingClientRect().left")
    top, bottom = host["top"] + state["map"]["top"], host["top"] + state["map"]["bottom"]
    if spot is None or bottom - top < 40:
        left = 100 if size == "desktop" else host["innerWidth"] / 2
        page.mouse.move(left, bottom + 60 if bottom + 60 < host["innerHeight"] - 10 else max(10, top - 60))
        return
    visible_top, visible_bottom = max(top, 0), min(bottom, host["innerHeight"])
    if visible_bottom - visible_top < 40:
        page.mouse.move(100 if size == "desktop" else host["innerWidth"] / 2, host["innerHeight"] / 2)
        return
    left = frame_left + state["map"]["left"] + state["map"]["width"] * spot[0]
    page.mouse.move(left, visible_top + (visible_bottom - visible_top) * spot[1])


def _check_step(host: dict[str, Any], state: dict[str, Any], size: str) -> bool:
    """The frame never scrolls itself; while the story fills the screen its map is wholly in view
    (on a phone, pinned on top). Says whether the story filled the screen."""
    assert state["scrollTop"] == 0, "the story scrolled inside its frame"
    assert abs(host["height"] - state["content"]) <= 3, "the frame is not as tall as its content"
    view = host["innerHeight"]
    if not host["top"] + state["layout"]["top"] <= 0 <= view <= host["top"] + state["layout"]["bottom"]:
        return False
    map_top, map_bottom = host["top"] + state["map"]["top"], host["top"] + state["map"]["bottom"]
    assert map_top >= -1 and map_bottom <= view + 1, f"the map is at {map_top:.0f}..{map_bottom:.0f}"
    if size == "phone":
        assert abs(host["top"] + state["panel"]["top"]) <= 1, "the map is not pinned on top"
    return True


def _check_forgeries_change_nothing(page: Page, story: Frame, origins: Origins) -> None:
    """Messages from a third origin, from a frame of the article's own origin that is not the
    article, and from a frame of the story's origin that is not the story, are ignored on both
    sides; a viewport from the article itself is heard."""
    before_host, before = _look(page, story)
    assert before["transform"], "the check needs the map held in view"
    others = [_frame(page, origins.third), _frame(page, origins.host, "blank.html"), _frame(page, origins.site, ".svg")]
    for frame in others:
        frame.evaluate(_FORGE)
    page.wait_for_timeout(600)
    after_host, after = _look(page, story)
    assert after_host == before_host, "the article heard a forged message"
    assert (after["transform"], after["section"]) == (before["transform"], before["section"]), "the story did"
    # The control: a viewport from the article's own window is heard (7 px off, the map moves).
    page.evaluate(
        """origin => {
          const frame = document.querySelector('.storymap-embed iframe');
          const top = -frame.getBoundingClientRect().top + 7;
          frame.contentWindow.postMessage({type: 'storymap:viewport', top, height: innerHeight}, origin);
        }""",
        origins.site,
    )
    story.wait_for_function("t => document.querySelector('.site-map').style.transform !== t", arg=before["transform"])
    page.evaluate("() => window.scrollBy(0, 1)")  # the article's next scroll tells the truth again
    _settle(page, story)


def _walk(page: Page, story: Frame, origins: Origins, ids: list[str], size: str) -> None:
    """Scroll the article with the wheel, a notch at a time, from above the story to the text
    after it; at each rest the story shows the passage at the reading line. Midway, forged
    messages are sent and a screenshot is kept."""
    host, state = _look(page, story)
    assert min(p["bottom"] - p["top"] for p in state["passages"]) > WHEEL_PX
    filled, forged = 0, False
    for notch in range(200):
        _pointer_at(page, host, state, size, notch)
        page.mouse.wheel(0, WHEEL_PX)
        _settle(page, story)
        host, state = _look(page, story)
        expected = _expected(host, state)
        if expected:
            _wait_for_section(story, expected, timeout=2000)
        filled += _check_step(host, state, size)
        if not forged and state["section"] == ids[len(ids) // 2]:
            page.screenshot(path=str(SCREENSHOTS / f"embed-{size}.png"))
            _check_forgeries_change_nothing(page, story, origins)
            host, state = _look(page, story)
            forged = True
        if host["after"] < host["innerHeight"] / 2:
            break
    assert host["after"] < host["innerHeight"] / 2, "the article does not go on after the story"
    assert forged and filled >= 10, "the story never filled the screen"


def _step_by_key(page: Page, story: Frame, ids: list[str], size: str) -> None:
    """The reader clicks into the story (a passage's title) and presses →: the story steps, and
    the article glides until the next passage is at the reading line. Focus stays in the frame."""
    host, state = _look(page, story)
    text_top = host["top"] + state["map"]["bottom"] if size == "phone" else 0
    title = next(
        (p["titleLeft"] + 10, host["top"] + p["titleTop"] + 10)
        for p in state["passages"]
        if text_top + 10 < host["top"] + p["titleTop"] + 10 < host["innerHeight"] - 10
    )
    page.mouse.click(*title)
    assert page.evaluate("() => document.activeElement === document.querySelector('.storymap-embed iframe')")
    following = ids[ids.index(state["section"]) + 1]
    page.keyboard.press("ArrowRight")
    _wait_for_section(story, following)
    page.wait_for_timeout(300)  # the glide is under way
    _settle(page, story)
    host, state = _look(page, story)
    line = _reading_line(host, state)
    arrived = next(p for p in state["passages"] if p["id"] == following)
    top, bottom = host["top"] + arrived["top"], host["top"] + arrived["bottom"]
    assert abs(top - (line - LEAD_PX)) <= 6, f"the passage came to {top:.0f}, the reading line is at {line:.0f}"
    assert top <= line <= bottom and _expected(host, state) in (following, None)
    assert state["section"] == following
    assert page.evaluate("() => document.querySelectorAll('[tabindex]').length") == 0, "the focus order changed"


def _wheel_over_the_map_left_it_alone(page: Page, story: Frame, map_frame: Frame) -> None:
    """After a walk whose wheel went over the map too: the map rests on its frame and said how to
    zoom; Ctrl + wheel over it zooms it and leaves the article where it is."""
    container = map_frame.locator(".leaflet-container")
    map_frame.wait_for_function(AT_REST, timeout=TIMEOUT_MS)  # on its frame, to within a pixel
    assert container.get_attribute("data-hint") == "wheel", "the wheel never went over the map"
    inner = container.bounding_box()
    assert inner
    page.evaluate("y => window.scrollBy(0, y)", inner["y"] - 100)
    _settle(page, story)
    story.evaluate(_FRAMES)
    inner = container.bounding_box()
    assert inner
    before = page.evaluate("() => scrollY")
    page.mouse.move(inner["x"] + inner["width"] / 2, inner["y"] + min(inner["height"] / 2, 200))
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    map_frame.wait_for_function(ZOOMED_IN, timeout=TIMEOUT_MS)
    assert page.evaluate("() => scrollY") == before, "Ctrl + wheel over the map scrolled the article"


@pytest.mark.parametrize("size", list(SIZES))
def test_the_article_scrolls_the_story(
    open_page: Callable[..., Page], origins: Origins, resolved: ResolvedStory, size: str
) -> None:
    ids = resolved.section_ids()
    page = open_page(**SIZES[size])
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{origins.host}/host.html")
    story = _frame(page, origins.site, "embed=host")
    story.wait_for_selector(".map-status[data-section]", timeout=TIMEOUT_MS)
    iframe = page.locator(".storymap-embed iframe")
    assert page.locator(".storymap-embed iframe").count() == 1, "the script, included twice, made two frames"
    assert iframe.get_attribute("scrolling") == "no" and iframe.get_attribute("allow") == "fullscreen"
    assert iframe.get_attribute("loading") == "eager"
    assert f"section={ids[4]}" in (iframe.get_attribute("src") or "")
    page.wait_for_function(
        """t => { const frame = document.querySelector('.storymap-embed iframe');
                  return frame.title === t && frame.getBoundingClientRect().height > 2000; }""",
        arg=resolved.meta.title,
    )
    _settle(page, story)
    assert page.evaluate("() => scrollY") == 0, "the story moved the article on its own"
    story.evaluate(_PROBE)

    _walk(page, story, origins, ids, size)
    assert story.evaluate("() => window.__shown") == ids, "sections came up out of reading order"
    map_frame = _frame(page, f"{origins.site}/map.html")
    assert map_frame.locator(".leaflet-container").get_attribute("data-section") == ids[-1]
    _wheel_over_the_map_left_it_alone(page, story, map_frame)

    host, state = _look(page, story)
    page.evaluate("y => window.scrollBy(0, y)", host["top"] + state["passages"][3]["top"])
    _settle(page, story)
    _step_by_key(page, story, ids, size)

    allowed = {origins.site, origins.host, origins.third}
    web = [url for url in requested if urlparse(url).scheme in ("http", "https", "ws", "wss")]
    assert {_origin(url) for url in web} <= allowed, [u for u in web if _origin(u) not in allowed][:5]
    assert page.context.cookies() == []


def test_several_stories_in_one_article_are_independent(
    open_page: Callable[..., Page], origins: Origins, resolved: ResolvedStory
) -> None:
    """Each embed gets one frame (the first loads at once, the others lazily), its own height and
    title; reading one steps it alone; an embed added to the page later starts too."""
    ids = resolved.section_ids()
    page = open_page(**SIZES["desktop"])
    page.goto(f"{origins.host}/several.html")
    frames = page.locator(".storymap-embed iframe")
    page.wait_for_function("() => document.querySelectorAll('.storymap-embed iframe').length === 2")
    assert [frames.nth(i).get_attribute("loading") for i in range(2)] == ["eager", "lazy"]
    assert frames.nth(0).get_attribute("title") == "The first story"  # the page's own title wins
    page.evaluate(
        """site => {
          const later = document.createElement('div');
          later.className = 'storymap-embed';
          later.id = 'three';
          later.dataset.src = site + '/';
          document.querySelector('article').append(later);
        }""",
        origins.site,
    )
    page.wait_for_function("() => document.querySelector('#three iframe')")
    for embed in ("one", "two", "three"):  # each reports its own height once it is near the screen
        page.locator(f"#{embed}").scroll_into_view_if_needed()
        page.wait_for_function(
            "id => document.querySelector('#' + id + ' iframe').getBoundingClientRect().height > 2000", arg=embed
        )
    assert frames.nth(1).get_attribute("title") == resolved.meta.title
    first, second = (_content_frame(page, f"#{embed} iframe") for embed in ("one", "two"))
    # The second story's sixth passage just above the reading line: it is read; the first story,
    # wholly above, rests on its last passage.
    top = page.evaluate("() => document.querySelector('#two iframe').getBoundingClientRect().top - innerHeight * 0.4")
    top += LEAD_PX
    top += second.evaluate("id => document.getElementById('passage-' + id).getBoundingClientRect().top", ids[5])
    page.evaluate("y => window.scrollBy(0, y)", top)
    _wait_for_section(second, ids[5])
    _wait_for_section(first, ids[-1])


def _content_frame(page: Page, selector: str) -> Frame:
    handle = page.locator(selector).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame, f"no frame in {selector}"
    return frame
