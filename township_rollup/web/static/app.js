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
  for (const frame of document.querySelectorAll(".page-frame")) {
    const img = frame.querySelector("img"), box = frame.querySelector("svg.boxes rect");
    if (!img || !box) continue;
    const centre = () => {
      const y = Number(box.getAttribute("y")) / 1000 * img.clientHeight;
      frame.scrollTop = Math.max(0, y - frame.clientHeight / 2);
    };
    if (img.complete) centre(); else img.addEventListener("load", centre);
    frame.closest("details")?.addEventListener("toggle", centre);
  }
  for (const link of document.querySelectorAll("[data-back]")) {
    if (history.length > 1) link.addEventListener("click", (e) => { e.preventDefault(); history.back(); });
  }
});
