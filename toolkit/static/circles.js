// The three circles: drag an insats onto a region to move it. Dropping only fills in the
// insats's own "Flytta till" form and submits it, so mouse, keyboard and no-script users
// all go through the same form. Merge choices survive the board's live refreshes.
(function () {
  "use strict";
  var dragged = null, chosen = {};

  function zoneOf(target) { return target && target.closest ? target.closest("[data-circles-board] [data-region]") : null; }
  function clearOver() {
    document.querySelectorAll(".region.is-over").forEach(function (el) { el.classList.remove("is-over"); });
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest ? event.target.closest("[data-insats][draggable=true]") : null;
    if (!item) return;
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-insats"));
    item.classList.add("is-dragging");
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null; clearOver();
  });
  document.addEventListener("dragover", function (event) {
    var zone = zoneOf(event.target);
    if (!zone || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!zone.classList.contains("is-over")) { clearOver(); zone.classList.add("is-over"); }
  });
  document.addEventListener("drop", function (event) {
    var zone = zoneOf(event.target);
    if (!zone || !dragged) return;
    event.preventDefault();
    clearOver();
    var form = dragged.querySelector("form[data-move]");
    var select = form && form.querySelector("select[name=region]");
    if (!select || select.value === zone.getAttribute("data-region")) return;
    select.value = zone.getAttribute("data-region");
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.hasAttribute && box.hasAttribute("data-merge")) {
      if (box.checked) { chosen[box.value] = true; } else { delete chosen[box.value]; }
    }
  });
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("input[data-merge]").forEach(function (box) { box.checked = !!chosen[box.value]; });
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "merge-form" && event.detail.successful) { chosen = {}; }
  });
})();
