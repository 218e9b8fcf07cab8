"""The whole journey in a real browser: upload, watch, review and correct, confirm, share,
revoke; plus DOCX evidence, hostile files, escaping and the phone layout."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.web.ui.conftest import (
    PHONE,
    assert_accessible,
    file_payload,
    resume_docx,
    resume_pdf,
    upload_and_wait,
)

NewPage = Callable[..., Any]


def save(page: Any) -> None:
    """Save the review form and wait for the page to come back with the saved data."""
    with page.expect_navigation(url=re.compile(r"saved=1")):
        page.get_by_role("button", name="Save corrections").click()


def test_pdf_upload_review_correct_confirm_share_and_revoke(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/")
    assert_accessible(page)
    resume_id = upload_and_wait(page, "avery.pdf", resume_pdf(), "application/pdf")
    assert page.locator("#bar").get_attribute("aria-valuenow") == "100"
    assert_accessible(page)

    page.get_by_role("link", name="Review and correct").click()
    page.wait_for_url(f"**/resumes/{resume_id}/review")
    name = page.get_by_label("Full name")
    assert name.input_value() == "Avery Quinn"
    assert page.locator(".page-img img").first.evaluate("img => img.naturalWidth") > 0
    name.focus()  # the evidence of the focused field is highlighted on the page image
    page.locator(".page-img .highlight.is-on").wait_for()
    assert page.get_by_role("heading", name=re.compile(r"\d+ fields? needs? your attention"))
    assert_accessible(page)

    name.fill("Avery J. Quinn")
    save(page)
    page.reload()
    assert page.get_by_label("Full name").input_value() == "Avery J. Quinn"
    assert page.locator(f"#{'f-basics-name'}-c").inner_text().strip().startswith("✓")

    page.get_by_role("button", name="Confirm as correct").click()
    page.wait_for_url("**confirmed=1")
    assert page.get_by_text("✓ Confirmed").is_visible()

    page.goto(f"/resumes/{resume_id}/share")
    page.get_by_label("Link expires after").select_option("7")
    page.get_by_role("button", name="Create link").click()
    link = page.get_by_role("textbox", name="Link").input_value()
    assert "/s/" in link
    assert page.get_by_role("link", name="WhatsApp").get_attribute("href").startswith(
        "https://wa.me/?text=")
    assert page.get_by_role("link", name="Telegram").get_attribute("href").startswith(
        "https://t.me/share/url?")
    assert page.get_by_role("link", name="E-mail").get_attribute("href").startswith("mailto:")
    assert_accessible(page)

    visitor = new_page()  # a fresh context: no session cookie
    answer = visitor.goto(link)
    assert answer.status == 200
    assert answer.headers["x-robots-tag"].startswith("noindex")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Avery J. Quinn"
    assert visitor.locator("input, textarea, form").count() == 0
    assert_accessible(visitor)

    page.reload()
    assert page.locator("#access-count").inner_text() == "1 time"
    page.get_by_role("button", name="Revoke link").click()
    page.wait_for_url("**revoked=1")
    gone = visitor.goto(link)
    assert gone.status in (404, 410)
    assert visitor.get_by_role("heading", name="This link is not available").is_visible()
    assert_accessible(visitor)


def test_docx_review_highlights_the_evidence_lines(new_page: NewPage) -> None:
    page = new_page()
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    resume_id = upload_and_wait(page, "casey.docx", resume_docx(), mime)
    page.goto(f"/resumes/{resume_id}/review")
    assert page.locator(".text-lines li").first.inner_text().startswith("Casey Morgan")
    page.get_by_label("E-mail").focus()
    highlighted = page.locator(".text-lines li.is-on")
    highlighted.first.wait_for()
    assert "casey.morgan@example.com" in highlighted.first.inner_text()


def test_entries_can_be_added_reordered_and_removed(new_page: NewPage) -> None:
    page = new_page()
    resume_id = upload_and_wait(page, "order.pdf", resume_pdf("Robin Order"), "application/pdf")
    page.goto(f"/resumes/{resume_id}/review")
    work = page.locator('[data-list="work"] > [data-entry]')
    assert work.count() == 2
    assert work.nth(0).get_by_label("Company").input_value() == "Northwind Traders"
    page.get_by_role("button", name="Move Position 2 up").click()
    page.get_by_role("button", name="Add position").click()
    work.nth(2).get_by_label("Job title").fill("Intern")
    work.nth(2).get_by_label("Company").fill("Fabrikam")
    page.get_by_role("button", name="Add language").click()
    page.locator('[data-list="languages"] > [data-entry]').nth(0).get_by_label(
        "Language", exact=True).fill("French")
    save(page)
    page.reload()
    companies = [work.nth(i).get_by_label("Company").input_value() for i in range(work.count())]
    assert companies == ["Contoso Ltd", "Northwind Traders", "Fabrikam"]
    assert page.get_by_label("Language", exact=True).input_value() == "French"

    page.get_by_role("button", name="Remove Position 1").click()
    save(page)
    page.reload()
    companies = [work.nth(i).get_by_label("Company").input_value() for i in range(work.count())]
    assert companies == ["Northwind Traders", "Fabrikam"]


def test_several_files_at_once_with_instant_rejections(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/")
    page.set_input_files("#files", files=[
        file_payload("notes.txt", b"Sam Several\nsam@example.com\nEXPERIENCE\nCook, Diner\n",
                     "text/plain"),
        file_payload("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
        file_payload("huge.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "application/pdf"),
    ])
    rows = page.locator("#uploads li")
    rows.nth(2).wait_for()
    assert "not accepted" in rows.nth(1).inner_text()
    assert "over the 2 MB limit" in rows.nth(2).inner_text()
    page.get_by_role("link", name="Watch it being read").wait_for()
    assert page.url.endswith("/")  # several files: the page stays, each row links onwards
    assert_accessible(page)


def test_a_hostile_upload_gets_a_friendly_error(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/")
    junk = bytes(range(256)) * 64
    page.set_input_files("#files", files=[file_payload("resume.pdf", junk, "application/pdf")])
    failure = page.locator("#uploads li.is-error, #outcome-failed:not([hidden])")
    failure.first.wait_for(timeout=60_000)
    text = failure.first.inner_text()
    assert "Traceback" not in text and len(text) > 30
    assert re.search(r"(PDF|DOCX|upload|Upload|save|Save)", text)


def test_stored_markup_is_shown_as_text(new_page: NewPage) -> None:
    page = new_page()
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    script = "<script>window.__pwned = 1</script>"
    data = resume_docx(f"Eve {script} Attacker", extra=['<img src=x onerror="window.__pwned=2">'])
    resume_id = upload_and_wait(page, "<img src=x onerror=alert(1)>.docx", data, mime)
    page.goto(f"/resumes/{resume_id}/review")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src=x], b").count() == 0
    assert page.locator(".text-lines").get_by_text(script).count() >= 1
    page.get_by_label("Full name").fill(f"Eve {script} Attacker")  # stored through PATCH
    save(page)
    assert page.evaluate("() => window.__pwned") is None
    page.goto("/resumes")
    assert page.get_by_text("<img src=x onerror=alert(1)>.docx", exact=False).count() >= 1
    assert page.locator("img[src=x]").count() == 0
    page.goto(f"/resumes/{resume_id}/share")
    page.get_by_role("button", name="Create link").click()
    public = new_page()
    public.goto(page.get_by_role("textbox", name="Link").input_value())
    assert public.evaluate("() => window.__pwned") is None
    assert script in public.locator("main").inner_text()


def test_phone_layout_has_no_horizontal_scroll(new_page: NewPage) -> None:
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    resume_id = upload_and_wait(page, "phone.pdf", resume_pdf("Pat Phone"), "application/pdf")
    for path in ("/", f"/resumes/{resume_id}", f"/resumes/{resume_id}/review",
                 f"/resumes/{resume_id}/share", "/resumes"):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
    assert_accessible(page)


def _upload_in_background(page: Any, name: str, data: bytes) -> str:
    """POST a file to the API from the page (session cookie + CSRF header); the resume id."""
    return str(page.evaluate("""async ([name, bytes]) => {
        const body = new FormData();
        body.append('file', new Blob([new Uint8Array(bytes)], {type: 'application/pdf'}), name);
        const answer = await fetch('/api/v1/resumes', {method: 'POST', body,
            headers: {'X-CSRF-Token': document.body.dataset.csrf}});
        return (await answer.json()).id;
    }""", [name, list(data)]))


def test_progress_falls_back_to_events_and_polling_without_layout_shift(
        new_page: NewPage) -> None:
    page = new_page()
    page.goto("/")
    for transport, via in (("sse", "events"), ("poll", "polling")):
        resume_id = _upload_in_background(page, f"{via}.pdf", resume_pdf(f"Pat {via.title()}"))
        page.goto(f"/resumes/{resume_id}?transport={transport}")
        page.get_by_role("link", name="Review and correct").wait_for(timeout=60_000)
        assert page.locator("#progress").get_attribute("data-via") == via
        assert page.locator("#stages li.is-done").count() >= 4
        shift = page.evaluate("""() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) total += entry.value;
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => resolve(total), 200);
        })""")
        assert shift < 0.05, (transport, shift)
    page.goto("/")
    page.set_input_files("#files", files=[file_payload("ws.pdf", resume_pdf("Wes Socket"),
                                                       "application/pdf")])
    page.get_by_role("link", name="Review and correct").wait_for(timeout=60_000)
    assert page.locator("#progress").get_attribute("data-via") == "websocket"


def test_unknown_pages_and_resumes_get_an_html_404(new_page: NewPage) -> None:
    page = new_page()
    answer = page.goto("/resumes/0123456789abcdef0123456789abcdef/review")
    assert answer.status == 404
    assert page.get_by_role("heading", name="Not found").is_visible()
    assert_accessible(page)


def test_keyboard_reaches_the_file_picker_and_the_flagged_fields(new_page: NewPage) -> None:
    page = new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "files":
            break
    assert page.evaluate("() => document.activeElement.id") == "files"
    resume_id = upload_and_wait(page, "keys.pdf", resume_pdf("Kim Keys"), "application/pdf")
    page.goto(f"/resumes/{resume_id}/review")
    first = page.locator(".attention-list a").first
    target = first.get_attribute("data-jump")
    first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == target
