// The three circles: drag an insats onto a region to move it. Dropping only fills in the
// insats's own "Flytta till" form and submits it, so mouse, keyboard and no-script users
// all go through the same form.
(function () {
  "use strict";
  var dragged = null;

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

  // A live refresh of the board must not undo what someone is in the middle of: open "Ändra"
  // forms, typed text, a chosen "Flytta till" area or ticked "Välj" boxes are put back.
  var kept = null;
  function changed(el) {
    if (el.type === "checkbox") return el.checked !== el.defaultChecked;
    if (el.tagName === "SELECT") {
      var option = el.options[el.selectedIndex];
      return !option || !option.defaultSelected;
    }
    return el.value !== el.defaultValue;
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var board = event.detail.target;
    kept = null;
    if (!board.hasAttribute("data-keep-edits") || event.detail.requestConfig.verb !== "get") return;
    kept = { open: [], values: {} };
    board.querySelectorAll("details[open][id]").forEach(function (el) { kept.open.push(el.id); });
    board.querySelectorAll("input[id], select[id], textarea[id]").forEach(function (el) {
      if (changed(el)) kept.values[el.id] = el.type === "checkbox" ? el.checked : el.value;
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!kept || !event.detail.target.hasAttribute("data-keep-edits")) return;
    kept.open.forEach(function (id) { var el = document.getElementById(id); if (el) el.open = true; });
    Object.keys(kept.values).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el) return;
      if (el.type === "checkbox") { el.checked = kept.values[id]; } else { el.value = kept.values[id]; }
    });
    kept = null;
  });
})();
