/* Review: edit every section, add/remove/reorder entries, show where the focused field was
   found in the original, and save the differences as corrections (PATCH, path -> value). */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const form = document.getElementById("review-form");
  const status = document.getElementById("save-status");
  const viewer = document.getElementById("viewer");
  const note = document.getElementById("evidence-note");
  const original = data.resume || {};
  const PATCH_CHUNK = 150;
  let dirty = false;
  let added = 0;

  // --- reading the form --------------------------------------------------------------------
  function owner(node) { return node.parentElement.closest("[data-entry], [data-object]"); }

  function valueOf(input) {
    const raw = input.value;
    if (input.dataset.kind === "lines") {
      const items = raw.split("\n").map((s) => s.trim()).filter(Boolean);
      return items.length ? items : null;
    }
    const text = raw.trim();
    return text ? text : null;
  }

  function readObject(root) {
    const out = {};
    root.querySelectorAll("[data-key]").forEach(function (input) {
      if (owner(input) !== root) return;
      const parts = input.dataset.key.split(".");
      let target = out;
      parts.slice(0, -1).forEach(function (p) { target = target[p] = target[p] || {}; });
      target[parts[parts.length - 1]] = valueOf(input);
    });
    root.querySelectorAll("[data-list]").forEach(function (list) {
      if (list.closest("[data-entry], [data-object]") !== root) return;
      out[list.dataset.list] = { __list: readList(list) };
    });
    return out;
  }

  function readList(list) {
    return Array.from(list.children).filter((n) => n.matches("[data-entry]")).map(readObject);
  }

  function currentDocument() {
    const doc = {};
    form.querySelectorAll("[data-object]").forEach(function (root) { doc[root.dataset.object] = readObject(root); });
    form.querySelectorAll("[data-section]").forEach(function (section) {
      const list = section.querySelector("[data-list]");
      doc[section.dataset.section] = { __list: readList(list) };
    });
    return doc;
  }

  // --- differences as corrections ------------------------------------------------------------
  function normal(value) {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) {
      const items = value.map((v) => String(v).trim()).filter(Boolean);
      return items.length ? items : null;
    }
    if (typeof value === "object") return value;
    const text = String(value).trim();
    return text ? text : null;
  }
  const same = (a, b) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
  const isEmpty = (o) => Object.values(o).every((v) => v === null || (v && v.__list && !v.__list.length) ||
                                                     (v && typeof v === "object" && !Array.isArray(v) && !v.__list && isEmpty(v)));

  function diffObject(prefix, before, after, out) {
    before = before && typeof before === "object" ? before : {};
    Object.entries(after).forEach(function ([key, value]) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value && value.__list) diffList(path, before[key], value.__list, out);
      else if (value && typeof value === "object" && !Array.isArray(value)) diffObject(path, before[key], value, out);
      else if (!same(before[key], value)) out.push({ path, value });
    });
  }

  function diffList(path, before, entries, out) {
    before = Array.isArray(before) ? before : [];
    const kept = entries.filter((e, i) => i < before.length || !isEmpty(e));
    kept.forEach(function (entry, i) { diffObject(`${path}[${i}]`, i < before.length ? before[i] : {}, entry, out); });
    for (let i = before.length - 1; i >= kept.length; i--) out.push({ path: `${path}[${i}]`, value: null });
  }

  function corrections() {
    const out = [];
    diffObject("", original, currentDocument(), out);
    return out;
  }

  async function save() {
    const changes = corrections();
    if (!changes.length) { status.textContent = "Nothing to save: no field was changed."; dirty = false; return true; }
    status.textContent = "Saving…";
    try {
      for (let i = 0; i < changes.length; i += PATCH_CHUNK) {
        await window.ResuMate.api("PATCH", data.patch, { corrections: changes.slice(i, i + PATCH_CHUNK) });
      }
    } catch (error) {
      status.textContent = "Not saved: " + error.message;
      return false;
    }
    dirty = false;
    status.textContent = `Saved ${changes.length} correction${changes.length === 1 ? "" : "s"}.`;
    return true;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (await save()) {
      const url = new URL(window.location.href);
      url.searchParams.set("saved", "1");
      url.searchParams.delete("confirmed");
      window.location.assign(url.toString());
    }
  });
  document.getElementById("confirm-form").addEventListener("submit", async function (event) {
    if (!dirty) return;
    event.preventDefault();
    if (await save()) event.target.submit();
  });
  form.addEventListener("input", function () {
    if (!dirty) status.textContent = "You have unsaved changes.";
    dirty = true;
  });
  window.addEventListener("beforeunload", function (event) { if (dirty) event.preventDefault(); });

  // --- entries: add, remove, reorder -------------------------------------------------------
  function renumber(list) {
    const noun = list.dataset.noun;
    Array.from(list.children).forEach(function (entry, i) {
      const title = `${noun} ${i + 1}`;
      entry.querySelector("legend").textContent = title;
      entry.querySelector("[data-move='-1']").setAttribute("aria-label", `Move ${title} up`);
      entry.querySelector("[data-move='1']").setAttribute("aria-label", `Move ${title} down`);
      entry.querySelector("[data-remove]").setAttribute("aria-label", `Remove ${title}`);
    });
  }
  function announce(text) { status.textContent = text; }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    const entry = button.closest("[data-entry]");
    if (button.dataset.add) {
      const list = form.querySelector(`[data-list="${button.dataset.add}"]`);
      const template = form.querySelector(`template[data-template-for="${button.dataset.add}"]`);
      added += 1;
      const html = template.innerHTML.replaceAll("NEW", "new" + added);
      list.insertAdjacentHTML("beforeend", html);
      renumber(list);
      const fresh = list.lastElementChild;
      fresh.querySelector("input, textarea").focus();
      dirty = true;
      announce(`${fresh.querySelector("legend").textContent} added. Fill it in, then save.`);
    } else if (button.hasAttribute("data-remove") && entry) {
      const list = entry.parentElement;
      const title = entry.querySelector("legend").textContent;
      const next = entry.nextElementSibling || entry.previousElementSibling;
      entry.remove();
      renumber(list);
      dirty = true;
      (next ? next.querySelector("input, textarea") : list.parentElement.querySelector("[data-add]")).focus();
      announce(`${title} removed. Save to keep this change.`);
    } else if (button.dataset.move && entry) {
      const list = entry.parentElement;
      const up = button.dataset.move === "-1";
      const other = up ? entry.previousElementSibling : entry.nextElementSibling;
      if (!other) { announce("It is already " + (up ? "first." : "last.")); return; }
      if (up) list.insertBefore(entry, other); else list.insertBefore(other, entry);
      renumber(list);
      button.focus();
      dirty = true;
      announce(`Moved to position ${Array.from(list.children).indexOf(entry) + 1}. Save to keep this change.`);
    }
  });

  document.querySelectorAll("[data-jump]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const target = document.getElementById(link.dataset.jump);
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    });
  });

  // --- evidence in the original ------------------------------------------------------------
  function clear() {
    viewer.querySelectorAll(".is-on").forEach((n) => n.classList.remove("is-on"));
  }
  function reveal(node) {
    const top = node.getBoundingClientRect().top - viewer.getBoundingClientRect().top + viewer.scrollTop;
    viewer.scrollTo({ top: Math.max(0, top - viewer.clientHeight / 3), behavior: "smooth" });
  }
  function show(path, label) {
    clear();
    const evidence = path ? data.evidence[path] : null;
    if (!evidence) { note.textContent = label ? `No location recorded for ${label}.` : "Focus a field to see where it was found."; return; }
    const figure = evidence.bbox && viewer.querySelector(`.page-img[data-page="${evidence.page || 0}"]`);
    if (figure) {
      const [x0, y0, x1, y1] = evidence.bbox;
      const w = Number(figure.dataset.w), h = Number(figure.dataset.h), pad = 2;
      const box = figure.querySelector(".highlight");
      box.style.left = `${((x0 - pad) / w) * 100}%`;
      box.style.top = `${((y0 - pad) / h) * 100}%`;
      box.style.width = `${((x1 - x0 + 2 * pad) / w) * 100}%`;
      box.style.height = `${((y1 - y0 + 2 * pad) / h) * 100}%`;
      box.classList.add("is-on");
      reveal(box);
      note.textContent = `${label}: highlighted on page ${(evidence.page || 0) + 1}.`;
      return;
    }
    if (evidence.lines) {
      const [first, last] = evidence.lines;
      let firstNode = null;
      for (let i = first; i <= last; i++) {
        const li = viewer.querySelector(`[data-line="${i}"]`);
        if (li) { li.classList.add("is-on"); firstNode = firstNode || li; }
      }
      if (firstNode) { reveal(firstNode); note.textContent = `${label}: highlighted on line ${first + 1}.`; return; }
    }
    note.textContent = `No location recorded for ${label}.`;
  }
  form.addEventListener("focusin", function (event) {
    const input = event.target.closest("[data-key]");
    if (!input) return;
    const label = form.querySelector(`label[for="${input.id}"]`);
    show(input.dataset.evidence, label ? label.textContent : "this field");
  });
})();
