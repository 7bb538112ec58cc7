// Checks a canvas page in the browser and writes what it found into the page as JSON,
// for `chromium --headless --dump-dom` to hand back. Injected by tests/canvas/browser.py.
window.addEventListener("load", function () {
  "use strict";
  const problems = [];
  const facts = {};
  const slack = 1;  // rounding of layout to device pixels
  const expected = JSON.parse(document.getElementById("expected").textContent);
  const words = (s) => s.replace(/\s+/g, " ").trim();

  function inside(inner, outer) {
    return inner.left >= outer.left - slack && inner.right <= outer.right + slack &&
      inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  }
  function overlap(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
  }
  function describe(el) {
    return (el.getAttribute("data-row") || el.closest("[data-row]")?.getAttribute("data-row") || "?") +
      "/" + (el.getAttribute("data-touchpoint") || "") + ": " + words(el.textContent).slice(0, 60);
  }

  function checkHtml() {
    const table = document.querySelector("table.canvas");
    if (!table) return;
    facts.cells = 0;
    for (const el of document.querySelectorAll("table.canvas th, table.canvas td, table.canvas p, table.canvas span")) {
      if (el.scrollWidth > el.clientWidth + slack && getComputedStyle(el).display !== "inline") {
        problems.push("clipped across: " + describe(el));
      }
      if (el.scrollHeight > el.clientHeight + slack && getComputedStyle(el).display !== "inline") {
        problems.push("clipped down: " + describe(el));
      }
    }
    for (const cell of document.querySelectorAll("td[data-touchpoint]")) {
      facts.cells += 1;
      const box = cell.getBoundingClientRect();
      const texts = Array.from(cell.querySelectorAll("p")).map((p) => p.getBoundingClientRect());
      texts.forEach((r, i) => {
        if (!inside(r, box)) problems.push("text outside its cell: " + describe(cell));
        for (let j = i + 1; j < texts.length; j++) {
          if (overlap(r, texts[j])) problems.push("texts overlap: " + describe(cell));
        }
      });
    }
    for (const item of expected.texts) {
      const cells = document.querySelectorAll('td[data-touchpoint="' + CSS.escape(item.touchpoint) + '"]');
      const found = Array.from(cells).some((cell) => {
        const style = getComputedStyle(cell);
        const box = cell.getBoundingClientRect();
        return words(cell.textContent).includes(words(item.text)) && style.visibility === "visible" &&
          box.width > 0 && box.height > 0;
      });
      if (!found) problems.push("not visible: " + item.touchpoint + ": " + item.text.slice(0, 60));
    }
    const stages = Array.from(document.querySelectorAll("th.stage")).map((th) => th.getBoundingClientRect());
    if (stages.length) {
      facts.first_stage_left = Math.round(stages[0].left);
      facts.first_stage_right = Math.round(stages[0].right);
      const first = document.querySelector("table.canvas").getBoundingClientRect();
      facts.table_left = Math.round(first.left);
      facts.table_right = Math.round(first.right);
    }
    facts.dir = document.documentElement.dir;
  }

  function checkSvg() {
    const svg = document.querySelector("#inline svg");
    if (!svg) return;
    facts.svg_cells = 0;
    for (const group of svg.querySelectorAll("g.cell")) {
      facts.svg_cells += 1;
      const rect = group.querySelector("rect").getBBox();
      const box = {left: rect.x, right: rect.x + rect.width, top: rect.y, bottom: rect.y + rect.height};
      const texts = Array.from(group.querySelectorAll("text")).map((t) => {
        const b = t.getBBox();
        return {left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height};
      });
      texts.forEach((r, i) => {
        if (!inside(r, box)) problems.push("svg text outside its cell: " + describe(group) +
          " [" + [r.left, r.right, box.left, box.right].map(Math.round).join(",") + "]");
        for (let j = i + 1; j < texts.length; j++) {
          if (overlap(r, texts[j])) problems.push("svg texts overlap: " + describe(group));
        }
      });
    }
    for (const item of expected.texts) {
      const groups = svg.querySelectorAll('g.cell[data-touchpoint="' + CSS.escape(item.touchpoint) + '"]');
      const bare = (s) => s.replace(/[\s\u2068\u2069]+/g, "");
      const found = Array.from(groups).some((g) => bare(Array.from(g.querySelectorAll("text"))
        .map((t) => t.textContent).join("")).includes(bare(item.text)));
      if (!found) problems.push("svg not visible: " + item.touchpoint + ": " + item.text.slice(0, 60));
    }
    const img = document.querySelector("#as-image");
    facts.image_width = img.naturalWidth;
    facts.image_height = img.naturalHeight;
  }

  try {
    checkHtml();
    checkSvg();
  } catch (error) {
    problems.push("check failed: " + error);
  }
  const out = document.createElement("pre");
  out.id = "canvas-check";
  out.textContent = JSON.stringify({problems: problems, facts: facts});
  document.body.appendChild(out);
});
