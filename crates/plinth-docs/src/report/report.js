// plinth design report: pan/zoom for the ERD, table search, and a self-test.
// Opened with `#selftest=<query>` the page runs its own search for <query>
// and writes what it sees into #selftest's data-* attributes, so a headless
// browser's --dump-dom can be asserted on without a DevTools client.
(function () {
  "use strict";
  window.addEventListener("error", function (e) {
    var out = document.getElementById("selftest");
    if (out) out.setAttribute("data-error", String(e.message));
  });
  var viewport = document.getElementById("erd-viewport");
  var canvas = document.getElementById("erd-canvas");
  var svg = canvas ? canvas.querySelector("svg") : null;
  var view = { s: 1, x: 0, y: 0 };
  var MIN = 0.05, MAX = 4;

  function apply() {
    canvas.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.s + ")";
  }
  function size() {
    return { w: parseFloat(svg.getAttribute("width")) || 1, h: parseFloat(svg.getAttribute("height")) || 1 };
  }
  // Zoom by `factor` keeping the point (px, py) of the viewport still.
  function zoomAt(factor, px, py) {
    var s = Math.min(MAX, Math.max(MIN, view.s * factor));
    view.x = px - (px - view.x) * (s / view.s);
    view.y = py - (py - view.y) * (s / view.s);
    view.s = s;
    apply();
  }
  function fit() {
    var d = size(), vw = viewport.clientWidth, vh = viewport.clientHeight;
    view.s = Math.min(1, Math.max(MIN, Math.min(vw / d.w, vh / d.h)));
    view.x = (vw - d.w * view.s) / 2;
    view.y = Math.max(0, (vh - d.h * view.s) / 2);
    apply();
  }

  if (viewport && svg) {
    fit();
    viewport.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = viewport.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    var drag = null, moved = false;
    viewport.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      moved = false;
      viewport.classList.add("dragging");
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      apply();
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      viewport.classList.remove("dragging");
    });
    // A click (not a drag) on a table box jumps to its section.
    canvas.addEventListener("click", function (e) {
      var g = e.target.closest ? e.target.closest(".erd-table") : null;
      if (!g || moved) return;
      var item = document.querySelector('#table-list li[data-table="' + cssEscape(g.getAttribute("data-table")) + '"] a');
      if (item) location.hash = item.getAttribute("href");
    });
    var buttons = { "zoom-in": 1.25, "zoom-out": 0.8 };
    Object.keys(buttons).forEach(function (id) {
      document.getElementById(id).addEventListener("click", function () {
        zoomAt(buttons[id], viewport.clientWidth / 2, viewport.clientHeight / 2);
      });
    });
    document.getElementById("zoom-fit").addEventListener("click", fit);
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&");
  }

  // Search: a table matches when its name or one of its columns contains the query.
  var input = document.getElementById("search");
  var list = document.getElementById("table-list");
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-table]"));
  var sections = {};
  Array.prototype.forEach.call(document.querySelectorAll(".table-section[data-table]"), function (s) {
    sections[s.getAttribute("data-table")] = s;
  });
  var boxes = {};
  Array.prototype.forEach.call(document.querySelectorAll("#erd-canvas .erd-table"), function (g) {
    boxes[g.getAttribute("data-table")] = g;
  });

  function filter(query) {
    var q = query.trim().toLowerCase(), shown = 0;
    items.forEach(function (li) {
      var name = li.getAttribute("data-table");
      var hit = q === "" || li.getAttribute("data-search").indexOf(q) >= 0;
      li.hidden = !hit;
      if (sections[name]) sections[name].hidden = !hit;
      if (boxes[name]) boxes[name].classList.toggle("dim", q !== "" && !hit);
      if (hit) shown++;
    });
    list.setAttribute("data-visible-count", String(shown));
    document.getElementById("match-count").textContent =
      q === "" ? items.length + " tables" : shown + " of " + items.length + " tables match";
    return shown;
  }
  input.addEventListener("input", function () { filter(input.value); });
  filter(input.value);

  function selftest(query) {
    var out = document.getElementById("selftest");
    out.setAttribute("data-query", query);
    input.value = query;
    filter(query);
    var visibleSections = 0;
    Object.keys(sections).forEach(function (k) { if (!sections[k].hidden) visibleSections++; });
    var rects = Array.prototype.map.call(document.querySelectorAll("#erd-canvas rect.table-box"), function (r) {
      return r.getBoundingClientRect();
    });
    var overlaps = 0;
    for (var i = 0; i < rects.length; i++) {
      for (var j = i + 1; j < rects.length; j++) {
        var a = rects[i], b = rects[j];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
      }
    }
    var empty = rects.filter(function (r) { return !(r.width > 0 && r.height > 0); }).length;
    out.setAttribute("data-list-count", String(items.length));
    out.setAttribute("data-visible-count", list.getAttribute("data-visible-count"));
    out.setAttribute("data-visible-sections", String(visibleSections));
    out.setAttribute("data-box-count", String(rects.length));
    out.setAttribute("data-empty-boxes", String(empty));
    out.setAttribute("data-overlaps", String(overlaps));
    out.setAttribute("data-zoom", String(view.s));
    out.setAttribute("data-status", "done");
  }
  var m = /^#selftest=(.*)$/.exec(location.hash);
  if (m) selftest(decodeURIComponent(m[1]));
})();
