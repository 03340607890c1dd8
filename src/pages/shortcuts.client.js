// The review interface's script, served as /assets/shortcuts.js (src/pages/assets.ts). Keyboard
// shortcuts: j/k move in the queue, enter opens, x selects for a bulk action (shift-click selects a
// range), a assigns to me, v/m/f/u/o pick a verdict and open the rationale, / searches, ? shows the
// help; also the bulk-action bar, copy buttons and the /import progress line. Everything works without
// it. It runs in the browser, so it is one function using nothing from its module: the Worker serves
// its source (String(shortcuts)), which the bundle has minified.
export function shortcuts() {
  const typing = (el) =>
    el &&
    (el.isContentEditable ||
      /^(TEXTAREA|SELECT)$/.test(el.tagName) ||
      (el.tagName === "INPUT" && !/^(checkbox|radio|button|submit)$/.test(el.type)));
  const rows = () => [...document.querySelectorAll(".queue .row")];
  let at = -1;
  const markCurrent = (list) => {
    for (const [j, r] of list.entries()) r.setAttribute("aria-current", String(j === at));
  };
  const select = (i) => {
    const list = rows();
    if (!list.length) return;
    at = Math.max(0, Math.min(list.length - 1, i));
    markCurrent(list);
    const link = list[at].querySelector("a");
    if (link) link.focus();
  };
  // The bulk-action bar (below the list without the script) shows, held at the bottom of the
  // window, only while something is selected, with how many.
  const bulk = document.querySelector("fieldset.bulk");
  const syncBulk = () => {
    if (!bulk) return;
    const n = document.querySelectorAll("input.pick:checked").length;
    bulk.hidden = n === 0;
    bulk.classList.add("floating");
    const count = bulk.querySelector(".bulk-count");
    if (count) count.textContent = n ? `(${n} selected)` : "";
  };
  syncBulk();
  document.addEventListener("change", (e) => {
    if (e.target instanceof Element && e.target.matches("input.pick")) syncBulk();
  });
  // Shift-click on a row's checkbox sets every checkbox between it and the last one clicked.
  let lastPick = null;
  document.addEventListener("click", (e) => {
    const box = e.target instanceof Element ? e.target.closest("input.pick") : null;
    if (!box) return;
    const boxes = [...document.querySelectorAll("input.pick")];
    if (e.shiftKey && lastPick && lastPick !== box && boxes.includes(lastPick)) {
      const [from, to] = [boxes.indexOf(lastPick), boxes.indexOf(box)].sort((p, q) => p - q);
      for (const b of boxes.slice(from, to + 1)) b.checked = box.checked;
    }
    lastPick = box;
    syncBulk();
  });
  // Copy buttons beside a secret shown once: hidden without the script (the secret is selectable
  // text then); with it, a click copies, or selects the text where the clipboard is refused.
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy || "");
      if (!source) return;
      const state = button.parentElement?.querySelector(".copy-state");
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        if (state) state.textContent = "Copied.";
      } catch {
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (state) state.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy.";
      }
    });
  }
  // Back in the queue after "Assign to me" (the address names the row): j and k go on from there.
  if (location.hash) {
    const i = rows().findIndex((r) => `#${r.id}` === location.hash);
    if (i >= 0) select(i);
  }
  const verdicts = { v: "verified", m: "misleading", f: "false", u: "unproven", o: "opinion" };
  // The selection follows the focus (Tab, a click), so Enter never opens another claim than the one in focus.
  document.addEventListener("focusin", (e) => {
    const list = rows();
    const i = list.findIndex((r) => r.contains(e.target));
    if (i >= 0 && i !== at) {
      at = i;
      markCurrent(list);
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    const help = document.getElementById("shortcut-help");
    if (help?.open) return;
    if (e.key === "?") {
      e.preventDefault();
      if (help) help.showModal();
      return;
    }
    if (e.key === "/") {
      const s = document.querySelector("input[type=search]");
      if (s) {
        e.preventDefault();
        s.focus();
      }
      return;
    }
    if (e.key === "j") {
      e.preventDefault();
      select(at + 1);
      return;
    }
    if (e.key === "k") {
      e.preventDefault();
      select(at - 1);
      return;
    }
    // Enter on a focused link or button does its own thing; only with nothing in focus does it open the selection.
    if (e.key === "Enter") {
      const idle = !document.activeElement || document.activeElement === document.body;
      const a = idle && at >= 0 ? rows()[at]?.querySelector("a") : null;
      if (a) {
        e.preventDefault();
        a.click();
      }
      return;
    }
    // Team workflow: x selects the current row for a bulk action; a assigns the current row (or
    // the open claim) to me.
    if (e.key === "x") {
      const box = at >= 0 ? rows()[at]?.querySelector("input.pick") : null;
      if (box) {
        e.preventDefault();
        box.checked = !box.checked;
        lastPick = box;
        syncBulk();
      }
      return;
    }
    if (e.key === "a") {
      const button = at >= 0 ? rows()[at]?.querySelector(".assign-me") : document.getElementById("assign-me");
      if (button) {
        e.preventDefault();
        button.click();
      }
      return;
    }
    const verdict = verdicts[e.key];
    const status = document.getElementById("review-status");
    if (verdict && status) {
      e.preventDefault();
      status.value = verdict;
      const rationale = document.getElementById("review-rationale");
      if (rationale) {
        rationale.scrollIntoView({ block: "center" });
        rationale.focus();
      }
    }
  });
  // /import: while the article is read, say so (without script the page says how long it may take).
  document.addEventListener("submit", (e) => {
    const progress = document.getElementById("import-progress");
    if (!progress || e.target.id !== "import-form") return;
    progress.hidden = false;
    const button = e.target.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
      button.textContent = "Reading…";
    }
  });
}
