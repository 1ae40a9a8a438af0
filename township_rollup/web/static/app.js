// township-rollup workbench: sorting the comparison table and a "back" link. No libraries, nothing loaded.
"use strict";

function sortBy(table, column, type, header) {
  const body = table.tBodies[0];
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const key = (row) => {
    const cell = row.cells[column];
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
    return type === "number" ? (raw === "" ? null : Number(raw)) : raw;
  };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;  // townships without the number stay at the bottom either way
    if (y === null) return -1;
    const order = type === "number" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
    return ascending ? order : -order;
  });
  for (const row of rows) body.appendChild(row);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.sortable")) {
    Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
      if (!th.dataset.sort) return;
      th.tabIndex = 0;
      th.title = "点击排序";
      const go = () => sortBy(table, i, th.dataset.sort, th);
      th.addEventListener("click", go);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    });
  }
  // the file picker says what was chosen, in Chinese whatever the browser's own language
  const files = document.getElementById("files"), chosen = document.getElementById("chosen");
  if (files && chosen) {
    files.addEventListener("change", () => {
      const names = Array.from(files.files).map((f) => f.name);
      chosen.textContent = names.length ? `已选择 ${names.length} 个文件：${names.join("、")}` : chosen.dataset.none;
    });
  }
  // a page image opens scrolled to the number's box
  const centreOnBox = (frame) => {
    const img = frame.querySelector("img"), box = frame.querySelector("svg.boxes rect");
    if (!img || !box) return;
    const centre = () => {
      const y = Number(box.getAttribute("y")) / 1000 * img.clientHeight;
      frame.scrollTop = Math.max(0, y - frame.clientHeight / 3);  // the upper part: the frame's foot may be below the fold
    };
    if (img.complete) centre(); else img.addEventListener("load", centre);
    frame.closest("details")?.addEventListener("toggle", centre);
  };
  document.querySelectorAll(".page-frame").forEach(centreOnBox);
  // a scanned page: the server reads it by OCR (a few seconds the first time), then the box is drawn
  for (const holder of document.querySelectorAll(".page-image[data-boxes]")) {
    const svg = holder.querySelector("svg.boxes"), details = holder.closest("details");
    const state = details?.querySelector(".box-state");
    const say = (text) => { if (state) state.textContent = text; };
    fetch(holder.dataset.boxes, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((answer) => {
        for (const [x, y, w, h] of answer.boxes || []) {
          const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
          rect.setAttribute("x", (x * 1000).toFixed(1));
          rect.setAttribute("y", (y * 1000).toFixed(1));
          rect.setAttribute("width", (w * 1000).toFixed(1));
          rect.setAttribute("height", (h * 1000).toFixed(1));
          svg.appendChild(rect);
        }
        if (answer.boxes && answer.boxes.length) {
          say("（扫描件：数字已用红框标出，位置由文字识别得出，请核对）");
          holder.dataset.found = "yes";
          centreOnBox(holder.closest(".page-frame"));
        } else {
          say(answer.problem ? `（${answer.problem}）` : "（扫描件：未能在页面上定位该数字，请在页面中查找）");
          holder.dataset.found = "no";
        }
      })
      .catch(() => { say("（扫描件：未能在页面上定位该数字，请在页面中查找）"); holder.dataset.found = "no"; });
  }
  for (const link of document.querySelectorAll("[data-back]")) {
    if (history.length > 1) link.addEventListener("click", (e) => { e.preventDefault(); history.back(); });
  }
});
