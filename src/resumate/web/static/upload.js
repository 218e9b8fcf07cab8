/* Upload: drag-and-drop or picker, several files, instant client-side checks (the server has
   the last word), one upload request per file to the API, then on to the processing view. */
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  const input = document.getElementById("files");
  const zone = document.getElementById("dropzone");
  const list = document.getElementById("uploads");
  const maxBytes = Number(form.dataset.maxBytes);
  const accepted = form.dataset.accept.split(",");
  const maxMb = Math.round(maxBytes / 1048576);

  function problem(file) {
    const dot = file.name.lastIndexOf(".");
    const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    if (!accepted.includes(ext)) {
      return "This type of file is not accepted. Upload a PDF, DOCX, DOC, ODT, RTF, TXT, PNG or JPEG.";
    }
    if (file.size === 0) return "This file is empty. Choose the saved resume file.";
    if (file.size > maxBytes) {
      return `This file is ${(file.size / 1048576).toFixed(1)} MB, over the ${maxMb} MB limit. Save a smaller copy (e.g. without embedded images).`;
    }
    return null;
  }

  function row(file) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    const state = document.createElement("span");
    state.className = "badge status-queued";
    state.textContent = "Checking";
    const msg = document.createElement("span");
    msg.className = "msg";
    li.append(name, state, msg);
    list.append(li);
    return { li, state, msg };
  }

  function fail(view, message) {
    view.li.classList.add("is-error");
    view.state.className = "badge status-failed";
    view.state.textContent = "✗ Not uploaded";
    view.msg.textContent = message;
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      const body = new FormData();
      body.append("file", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/resumes");
      xhr.setRequestHeader("X-CSRF-Token", window.ResuMate.csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) view.msg.textContent = `Uploading… ${Math.round(100 * e.loaded / e.total)}%`;
      };
      xhr.onload = function () {
        let data = null;
        try { data = JSON.parse(xhr.responseText); } catch (_) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300 && data && data.id) {
          view.state.className = "badge status-parsed";
          view.state.textContent = "✓ Uploaded";
          view.msg.textContent = "";
          const link = document.createElement("a");
          link.href = "/resumes/" + encodeURIComponent(data.id);
          link.textContent = data.deduplicated ? "Already uploaded — open it" : "Watch it being read";
          view.msg.append(link);
          resolve(data.id);
        } else {
          let message = data && data.error ? data.error.message : `The server refused the file (${xhr.status}). Try again.`;
          message = message.charAt(0).toUpperCase() + message.slice(1);
          fail(view, message);
          resolve(null);
        }
      };
      xhr.onerror = function () {
        fail(view, "The connection dropped. Check your network and upload the file again.");
        resolve(null);
      };
      view.state.textContent = "Uploading";
      xhr.send(body);
    });
  }

  async function handle(files) {
    const chosen = Array.from(files);
    if (!chosen.length) return;
    const jobs = [];
    for (const file of chosen) {
      const view = row(file);
      const reason = problem(file);
      if (reason) { fail(view, reason); continue; }
      jobs.push(send(file, view));
    }
    const ids = (await Promise.all(jobs)).filter(Boolean);
    if (chosen.length === 1 && ids.length === 1) {
      window.location.assign("/resumes/" + encodeURIComponent(ids[0]));
    }
  }

  input.addEventListener("change", function () { handle(input.files); input.value = ""; });
  form.addEventListener("submit", function (e) { e.preventDefault(); handle(input.files); });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("is-over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("is-over"); });
  });
  zone.addEventListener("drop", function (e) { if (e.dataTransfer) handle(e.dataTransfer.files); });
})();
