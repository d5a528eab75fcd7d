// Keyboard and screen-reader users keep their place when htmx swaps part of a page: focus
// stays on the same control (found again by id, or by its name inside the nearest part with
// an id), or moves to what replaced it, which is then said through the page's live region.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";
  var place = null;

  function nameOf(el) {
    return (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim();
  }
  function announce(text) { if (window.toolkitAnnounce && text) window.toolkitAnnounce(text); }

  // A status inside swapped content is a new element, which screen readers often do not read:
  // its text goes to the page's live region instead.
  var swapped = null, before = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement, target = event.detail.target;
    swapped = target && target.id ? target.id : null;
    before = exerciseKey();
    place = null;
    if (!active || active === document.body || !target) return;
    // Only when the swap takes the focused control away (it is inside what is replaced).
    if (!(target.contains(active) || target === active)) return;
    var anchor = active.parentElement && active.parentElement.closest("[id]");
    place = {
      id: active.id || null,
      tag: active.tagName,
      name: nameOf(active),
      anchor: anchor ? anchor.id : null,
      target: target.id || null,
      typing: active.tagName === "TEXTAREA" || active.tagName === "INPUT",
    };
  });

  // The exercise the participant's page shows ("" before the workshop starts; null elsewhere).
  function exerciseKey() {
    var region = document.getElementById("exercise");
    if (!region) return null;
    var heading = region.querySelector("h1[data-exercise]");
    return heading ? heading.getAttribute("data-exercise") : "";
  }

  function focusOn(el, keepCaret) {
    if (!el) return false;
    el.focus({ preventScroll: false });
    if (keepCaret && el.setSelectionRange && typeof el.value === "string") {
      try { el.setSelectionRange(el.value.length, el.value.length); } catch (e) { /* not text */ }
    }
    return document.activeElement === el;
  }

  function sameIn(root, wanted) {
    if (!root) return null;
    var all = Array.prototype.slice.call(root.querySelectorAll(FOCUSABLE));
    return all.filter(function (el) { return el.tagName === wanted.tag && nameOf(el) === wanted.name; })[0] || null;
  }

  document.addEventListener("htmx:afterSettle", function () {
    var part = swapped && document.getElementById(swapped);
    swapped = null;
    if (part) {
      var said = part.matches("[data-announce-on-swap]") ? [part] : [];
      said = said.concat(Array.prototype.slice.call(part.querySelectorAll("[data-announce-on-swap]")));
      said.forEach(function (el) { announce(el.textContent.replace(/\s+/g, " ").trim()); });
    }
    var wanted = place; place = null;
    var now = exerciseKey(), changed = before !== null && now !== null && now !== before;
    var heading = document.querySelector("#exercise h1");
    // The exercise changed under the participant: say so, whatever they were doing.
    if (changed) announce("Övningen har bytts: " + (heading ? heading.textContent.trim() : "") + ".");
    if (!wanted) return;
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;  // not lost
    if (changed && heading) {
      // What they were on is gone with the old exercise: go to the new one's heading.
      heading.setAttribute("tabindex", "-1"); focusOn(heading);
      return;
    }
    var found = (wanted.id && document.getElementById(wanted.id)) || null;
    if (found && found.matches(FOCUSABLE) && focusOn(found, wanted.typing)) return;
    var anchor = wanted.anchor && document.getElementById(wanted.anchor);
    if (focusOn(sameIn(anchor, wanted))) return;
    var target = wanted.target && document.getElementById(wanted.target);
    if (focusOn(sameIn(target, wanted))) return;
    // What replaced it: what the part marks (an edit form's box; the status that says the
    // last dot is given, when the buttons are disabled), else the first control near it.
    var root = anchor || target;
    var marked = (root && root.querySelector("[data-focus-after-swap]")) ||
      (target && target.querySelector("[data-focus-after-swap]"));
    if (focusOn(marked, true)) return;
    if (root && focusOn(root.querySelector(FOCUSABLE))) return;
    if (root) { root.setAttribute("tabindex", "-1"); focusOn(root); }
  });
})();
