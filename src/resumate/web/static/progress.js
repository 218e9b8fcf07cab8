/* Processing view: live progress over a WebSocket, falling back to Server-Sent Events and then
   to polling the status URL. Only text and transforms change, so nothing shifts on screen. */
"use strict";
(function () {
  const root = document.getElementById("progress");
  const order = ["queued", "detecting", "extracting", "ocr", "parsing", "scoring", "complete"];
  const advice = {
    unsupported_type: "Save the resume as PDF or DOCX and upload that file.",
    too_large: "Save a smaller copy (for example without embedded images) and upload it.",
    encrypted: "Remove the password (print to a new PDF) and upload it again.",
    corrupt: "Open the file on your computer to check it, save it again, and upload the new copy.",
    empty: "The file has no readable text. Upload the original document rather than a scan, or a clearer scan.",
    unsafe: "Save it again as a simpler PDF or DOCX and upload that.",
    ocr_unavailable: "This looks like a scan. Upload a document with selectable text.",
  };
  const el = (id) => document.getElementById(id);
  const url = new URL(window.location.href);
  const transport = url.searchParams.get("transport") || "ws";
  let done = false;
  let lastStage = null;

  function render(event) {
    if (!event || event.type !== "progress" || done) return;
    const stage = event.stage;
    const failed = stage === "failed";
    const index = order.indexOf(stage);
    el("bar-fill").style.transform = `scaleX(${Math.max(0, Math.min(100, event.progress)) / 100})`;
    el("bar").setAttribute("aria-valuenow", String(event.progress));
    el("bar").classList.toggle("is-failed", failed);
    el("pct").textContent = `${event.progress}%`;
    el("stage-message").textContent = event.message;
    el("eta").textContent = event.eta_seconds != null && !failed && stage !== "complete"
      ? `· about ${Math.max(1, Math.round(event.eta_seconds))} s left` : "";
    root.querySelectorAll("#stages li").forEach(function (li) {
      const own = order.indexOf(li.dataset.stage);
      const state = li.querySelector(".state");
      li.classList.remove("is-current", "is-done", "is-skipped");
      if (stage === "complete" || (index > own && !failed)) {
        const skipped = li.dataset.stage === "ocr" && !li.dataset.seen;
        li.classList.add(skipped ? "is-skipped" : "is-done");
        state.textContent = skipped ? "Not needed" : "Done";
        if (!skipped) li.querySelector(".dot").textContent = "✓";
      } else if (own === index) {
        li.classList.add("is-current"); li.dataset.seen = "1"; state.textContent = "In progress";
      } else if (failed && li.dataset.stage === lastStage) {
        state.textContent = "Stopped";
      } else {
        state.textContent = "Waiting";
      }
    });
    if (stage !== lastStage) {
      el("live").textContent = event.message;
      if (!failed) lastStage = stage;
    }
    if (stage === "complete") finish(true, event);
    if (failed) finish(false, event);
  }

  function finish(ok, event) {
    done = true;
    el("progress-title").textContent = ok ? "Your resume is ready" : "We could not read this file";
    el("outcome-ok").hidden = !ok;
    el("outcome-failed").hidden = ok;
    if (ok) {
      el("live").textContent = "Done. Your resume is ready to review.";
      el("review-link").focus({ preventScroll: true });
    } else {
      const error = event.error || {};
      el("failure-message").textContent = error.message || event.message;
      el("failure-advice").textContent = advice[error.code] || "Try again, or upload the resume in another format.";
      el("live").textContent = "Failed. " + (error.message || event.message);
    }
  }

  function viaWebSocket() {
    root.dataset.via = "websocket";
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    let got = false;
    let socket;
    try { socket = new WebSocket(scheme + "//" + window.location.host + root.dataset.ws); } catch (_) {
      return viaEvents();
    }
    socket.onmessage = function (message) {
      got = true;
      try { render(JSON.parse(message.data)); } catch (_) { /* ignore a malformed message */ }
    };
    socket.onclose = function () { if (!done) (got ? viaPolling : viaEvents)(); };
  }

  function viaEvents() {
    if (!("EventSource" in window)) return viaPolling();
    root.dataset.via = "events";
    const source = new EventSource(root.dataset.events);
    source.addEventListener("progress", function (message) {
      render(JSON.parse(message.data));
      if (done) source.close();
    });
    source.onerror = function () { source.close(); if (!done) viaPolling(); };
  }

  async function viaPolling() {
    root.dataset.via = "polling";
    while (!done) {
      try {
        const body = await window.ResuMate.api("GET", root.dataset.status);
        render(body.progress);
      } catch (error) {
        if (error.code === "not_found") { render({ type: "progress", stage: "failed", progress: 100, message: error.message, error: { code: "not_found", message: error.message } }); }
      }
      if (!done) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  render({ type: "progress", stage: root.dataset.stage, progress: Number(root.dataset.progress),
           message: el("stage-message").textContent,
           eta_seconds: root.dataset.eta === "" ? null : Number(root.dataset.eta),
           error: root.dataset.stage === "failed" ? { code: root.dataset.errorCode, message: el("failure-message").textContent } : null });
  if (done) return;
  ({ ws: viaWebSocket, sse: viaEvents, poll: viaPolling }[transport] || viaWebSocket)();
})();
