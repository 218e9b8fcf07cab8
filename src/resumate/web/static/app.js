/* Shared page behaviour: CSRF-aware API calls, confirmation prompts, copy buttons. */
"use strict";
window.ResuMate = (function () {
  const csrf = document.body.dataset.csrf || "";

  async function api(method, url, body) {
    const headers = { "Accept": "application/json", "X-CSRF-Token": csrf };
    const init = { method, headers, credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let data = null;
    try { data = await response.json(); } catch (_) { data = null; }
    if (!response.ok) {
      const error = (data && data.error) || {};
      const failure = new Error(error.message || `The server answered ${response.status}. Try again.`);
      failure.code = error.code || "http_" + response.status;
      throw failure;
    }
    return data;
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  document.addEventListener("click", async function (event) {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copy);
    const note = document.getElementById(button.dataset.copyNote || "");
    let copied = false;
    try { await navigator.clipboard.writeText(field.value); copied = true; } catch (_) {
      field.select();
      try { copied = document.execCommand("copy"); } catch (__) { copied = false; }
    }
    if (note) note.textContent = copied ? "Link copied." : "Select the link and copy it.";
  });

  return { api, csrf };
})();
