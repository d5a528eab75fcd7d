// The projector's stage always fits the screen: the type shrinks step by step down to a floor
// that is still readable from the back of the room, and what does not fit then goes on pages
// that turn by themselves, on the leader's command (data-page, data-turn from the server) or
// with a presentation clicker (Page Down / Page Up). Nothing is ever cut.
(function () {
  "use strict";
  // What the room wrote, one box each; and the parts that hold them (hidden on a page without
  // any of theirs, so a question's heading shows only beside its answers).
  // A vignette stays beside its group's answers on every page, unless it is longer than the
  // stage itself: then its paragraphs take pages too.
  var ITEMS = [".answer", ".case-path > li", ".projector-tally > li", ".vignette-large.is-long > *"];
  var GROUPS = ".question, .org-column, .case-column, .vignette-large.is-long";
  var LEVELS = 4;  // data-density 0..3 in app.css: 3 is the floor
  var TURN_MS = 8000;
  var current = { page: 0, pages: 1, command: null, scene: null, timer: null };

  function stage() { return document.getElementById("stage"); }
  function parts() {
    var s = stage();
    if (!s) return null;
    var body = s.querySelector(".stage-body");
    return body ? { stage: s, body: body, pager: s.querySelector(".pager") } : null;
  }
  function itemsOf(body) { return [].slice.call(body.querySelectorAll(ITEMS.join(", "))); }
  function overflows(el) {
    return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  }
  function inside(el, box) {
    var r = el.getBoundingClientRect();
    return r.bottom <= box.bottom + 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5;
  }
  var VISIBLE = ITEMS.map(function (s) { return s + ":not(.off-page)"; }).join(", ");
  function showGroups(body, first) {
    // Innermost first, so an organisation's column is settled before its question.
    var groups = [].slice.call(body.querySelectorAll(GROUPS)).reverse();
    groups.forEach(function (group) {
      var own = group.querySelectorAll(ITEMS.join(", ")).length;
      group.classList.toggle("off-page", own ? !group.querySelector(VISIBLE) : !first);
    });
  }

  function paginate(p) {
    var items = itemsOf(p.body), left = items.slice(), pages = 0;
    while (left.length) {
      showGroups(p.body, pages === 0);
      var box = p.body.getBoundingClientRect();
      var page = left.filter(function (el) { return inside(el, box); });
      if (!page.length) page = [left[0]];  // a box taller than the stage still gets its page
      page.forEach(function (el) { el.setAttribute("data-on-page", pages); el.classList.add("off-page"); });
      left = left.filter(function (el) { return !el.hasAttribute("data-on-page"); });
      pages += 1;
    }
    return pages;
  }

  function fit() {
    var p = parts();
    if (!p) return;
    itemsOf(p.body).forEach(function (el) { el.classList.remove("off-page"); el.removeAttribute("data-on-page"); });
    p.body.querySelectorAll(GROUPS).forEach(function (el) { el.classList.remove("off-page", "is-long"); });
    if (p.pager) p.pager.hidden = true;
    var level = 0;
    p.stage.setAttribute("data-density", "0");
    while (overflows(p.body) && level < LEVELS - 1) {
      level += 1;
      p.stage.setAttribute("data-density", String(level));
    }
    var vignette = p.body.querySelector(".vignette-large");
    if (vignette) vignette.classList.toggle("is-long", vignette.offsetHeight > p.body.clientHeight);
    var pages = 1;
    if (overflows(p.body)) {
      if (p.pager) { p.pager.hidden = false; p.pager.textContent = "Sida 1 av 1"; }
      pages = paginate(p);
    }
    current.pages = pages;
    p.stage.setAttribute("data-pages", String(pages));
  }

  function show(page) {
    var p = parts();
    if (!p) return;
    var n = current.pages;
    page = ((page % n) + n) % n;
    current.page = page;
    if (n > 1) {
      itemsOf(p.body).forEach(function (el) {
        el.classList.toggle("off-page", el.getAttribute("data-on-page") !== String(page));
      });
      showGroups(p.body, page === 0);
      if (p.pager) p.pager.textContent = "Sida " + (page + 1) + " av " + n;
    }
    p.stage.setAttribute("data-page", String(page));
  }

  // The pages turn every TURN_MS; answers arriving meanwhile do not hold the next turn back.
  function schedule(turn, restart) {
    if (!turn || current.pages < 2 || restart) {
      clearInterval(current.timer);
      current.timer = null;
    }
    if (turn && current.pages > 1 && !current.timer) {
      current.timer = setInterval(function () { show(current.page + 1); }, TURN_MS);
    }
  }

  // After a swap: a new command from the leader (or a new scene) chooses the page; a mere
  // refresh (a new answer) keeps the page the room is reading.
  function layout() {
    var p = parts();
    if (!p) return;
    var asked = parseInt(p.body.getAttribute("data-page") || "0", 10) || 0;
    var turn = p.body.getAttribute("data-turn") !== "false";
    var command = asked + "/" + turn, scene = p.body.getAttribute("data-scene");
    var changed = command !== current.command || scene !== current.scene;
    current.command = command;
    current.scene = scene;
    fit();
    show(changed ? asked : current.page);
    schedule(turn, changed);
    p.stage.setAttribute("data-fitted", "true");
  }

  function relayout() {
    var p = parts();
    if (!p) return;
    fit();
    show(current.page);
    schedule(p.body.getAttribute("data-turn") !== "false", false);
  }

  var NEXT = { PageDown: 1, ArrowRight: 1, ArrowDown: 1, " ": 1, PageUp: -1, ArrowLeft: -1, ArrowUp: -1 };
  document.addEventListener("keydown", function (event) {
    var step = NEXT[event.key];
    if (!step || !parts() || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    show(current.page + step);
    schedule(parts().body.getAttribute("data-turn") !== "false", true);  // a full interval from now
  });

  function start() {
    var s = stage();
    if (!s) return;
    var ready = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
    ready.then(layout);
    // After a swap into the stage (the stage whole, or its new and edited answers out of band),
    // lay it out once htmx has settled it, never before: settling puts the server's class back
    // on every element that kept its id, so the answers lose any off-page set at the swap and
    // all of them show, cut below the stage, until the next turn. On the projector every swap
    // settles at once (nothing here waits for a transition), so no frame is painted between a
    // swap and its layout; one settle's events make one layout.
    if (window.htmx) window.htmx.config.defaultSettleDelay = 0;
    var pending = false;
    document.body.addEventListener("htmx:afterSettle", function (event) {
      var s = stage();
      if (pending || !s || !s.contains(event.target)) return;
      pending = true;
      queueMicrotask(function () { pending = false; layout(); });
    });
    // The screen, the window or the join panel changed size: lay the stage out again, before
    // the browser paints it (laying out never changes the stage's own size). The stage element
    // itself stays: its swaps replace what is inside it.
    var size = "";
    new ResizeObserver(function () {
      var box = s.getBoundingClientRect(), now = box.width + "x" + box.height;
      if (now === size) return;
      size = now;
      relayout();
    }).observe(s);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
