"""Japanese headings on a 320 px phone break between words, never inside one.

Japanese has no spaces, so a browser may break a line between any two characters: 「国際緊急援
助隊」 would read as two words. The stylesheet keeps the words of headings and captions together
for lang="ja" (`word-break: auto-phrase`, else `keep-all`). This test lays the pages out in
Chromium and checks every line break of every Japanese heading and caption against the word
boundaries of the browser's own Japanese segmenter (Intl.Segmenter), or a phrase boundary
where the segmenter's dictionary joins a particle to the next word (「…に｜関する」: hiragana
followed by a kanji or katakana); it also shows that the check finds mid-word breaks when the
rule is switched off, so it can fail.
"""

import pytest

from pages.models import Page
from programs.models import Program

from .e2e_helpers import JAPANESE_PAGES, load_sample_site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADINGS = "main h1, main h2, main h3, main caption, .site-name"

# Each heading's text, character by character, with the top of the line the character is on;
# a character lower than the one before starts a line, which must be a word boundary.
MID_WORD_BREAKS = r"""
([selector, switchOff]) => {
  const segmenter = new Intl.Segmenter("ja", {granularity: "word"});
  const problems = [];
  for (const element of document.querySelectorAll(selector)) {
    const language = (element.closest("[lang]").getAttribute("lang") || "").split("-")[0];
    if (language !== "ja") continue;
    if (switchOff) element.style.wordBreak = "normal";
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let text = "";
    const tops = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        tops.push(rects.length ? rects[0].top : null);
        text += node.data[i];
      }
    }
    const boundaries = new Set([0]);
    for (const part of segmenter.segment(text)) boundaries.add(part.index);
    const hiragana = /\p{Script=Hiragana}/u;
    const kanjiOrKatakana = /[\p{Script=Han}\p{Script=Katakana}]/u;
    const phraseStart = (i) => hiragana.test(text[i - 1]) && kanjiOrKatakana.test(text[i]);
    let previous = null;
    for (let i = 0; i < text.length; i++) {
      if (tops[i] === null || /\s/.test(text[i])) continue;
      if (previous !== null && tops[i] > previous + 2 && !boundaries.has(i) && !phraseStart(i)) {
        problems.push(text.slice(0, i).trim() + " | " + text.slice(i).trim());
      }
      previous = tops[i];
    }
  }
  return problems;
}
"""

# Long names, as the Japanese sample data will have them, so headings wrap on a phone.
LONG_NAMES = {
    "community-policing": "地域警察活動（交番制度等）に関する課題別研修",
    "organization-management-for-senior-police-officers": (
        "上級警察幹部のための組織管理に関する研修"
    ),
}


@pytest.fixture
def site(live_server):
    load_sample_site()
    for slug, name in LONG_NAMES.items():
        Program.objects.filter(slug=slug).update(name_ja=name)
    Page.objects.filter(slug="international-cooperation").update(
        title_ja="警察庁の国際協力：研修、専門家の派遣と国際緊急援助隊"
    )
    return live_server.url


def test_japanese_headings_break_only_between_words_at_320px(page, site):
    page.set_viewport_size({"width": 320, "height": 900})
    problems, wrapped_when_off = [], []
    for path in JAPANESE_PAGES.values():
        page.goto(site + path)
        problems += [
            f"{path}: {line}" for line in page.evaluate(MID_WORD_BREAKS, [HEADINGS, False])
        ]
        wrapped_when_off += page.evaluate(MID_WORD_BREAKS, [HEADINGS, True])
    assert not problems, "\n".join(problems)
    # Without the rule the same pages break words apart: the check above can fail.
    assert wrapped_when_off
