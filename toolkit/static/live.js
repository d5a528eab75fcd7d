// Live updates: one EventSource per page turns server events into "live:<name>" events on
// <body>, which htmx elements subscribe to with hx-trigger="live:answers from:body".
// Reconnects with jitter, polls while disconnected, and keeps typed drafts across swaps.
(function () {
  "use strict";
  var source = null, url = null, failures = 0, pollTimer = null, retryTimer = null, wasOpen = false;

  // A refresh that lands while the page is sending something (an answer, a vote) would swap
  // out the form whose answer is on its way; such events wait until those requests are done.
  var sending = new Set(), held = {}, heldSince = 0;
  function fire(name) {
    if (sending.size > 0) {
      if (!Object.keys(held).length) {
        heldSince = Date.now();
        setTimeout(release, 10001);  // a request that never ends must not stop the page
      }
      if (Date.now() - heldSince < 10000) { held[name] = true; return; }
    }
    document.body.dispatchEvent(new CustomEvent("live:" + name));
  }
  function release() {
    var names = Object.keys(held); held = {};
    names.forEach(fire);
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.target;
    // The live parts' own refreshes do not hold anything back.
    if (elt.getAttribute && (elt.getAttribute("hx-trigger") || "").indexOf("live:") !== -1) return;
    sending.add(event.detail.xhr);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    // htmx re-sends this event to an ancestor when the element itself was swapped out.
    if (!sending.delete(event.detail.xhr)) return;
    if (sending.size === 0) setTimeout(release, 0);
  });

  function setStatus(text) {
    document.querySelectorAll("[data-live-status]").forEach(function (el) { el.textContent = text; });
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = setInterval(function () { fire("refresh"); }, 5000);
  }

  function stopPolling() { clearInterval(pollTimer); pollTimer = null; }

  function close() {
    if (source) { source.close(); source = null; }
    clearTimeout(retryTimer);
  }

  function connect() {
    close();
    if (!url || !window.EventSource) { if (url) startPolling(); return; }
    source = new EventSource(url);
    source.onopen = function () {
      if (wasOpen || failures) { fire("refresh"); }
      wasOpen = true; failures = 0;
      stopPolling(); setStatus("");
    };
    source.onmessage = function (event) { if (event.data !== "hello") fire(event.data); };
    source.onerror = function () {
      setStatus("Anslutningen bröts – försöker igen. Dina svar är sparade.");
      startPolling();
      if (source && source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server answered with an error): retry ourselves,
        // with a random delay so a restarted server is not hit by every client at once.
        failures += 1;
        var delay = Math.min(30000, 1000 * Math.pow(2, failures)) * (0.5 + Math.random());
        retryTimer = setTimeout(connect, delay);
      }
    };
  }

  // The stream carries only the kinds of event this page's live parts listen to.
  function subscription(base) {
    var kinds = {};
    document.querySelectorAll('[hx-trigger*="live:"]').forEach(function (el) {
      (el.getAttribute("hx-trigger").match(/live:[\w-]+/g) || []).forEach(function (m) { kinds[m.slice(5)] = 1; });
    });
    return base + (base.indexOf("?") < 0 ? "?" : "&") + "events=" + Object.keys(kinds).sort().join(",");
  }

  function sync() {
    var el = document.getElementById("live");
    var wanted = el ? subscription(el.getAttribute("data-live-url")) : null;
    if (wanted !== url) { url = wanted; wasOpen = false; connect(); }
  }

  // A hidden tab gives its connection back, so several open tabs do not use up the
  // browser's six connections per site; it catches up when shown again.
  document.addEventListener("visibilitychange", function () {
    if (!url) return;
    if (document.hidden) { close(); stopPolling(); }
    else { connect(); fire("refresh"); }
  });

  // Drafts: what is typed survives a swap, a reload and a server restart.
  function draftKey(el) { return "draft:" + el.getAttribute("data-draft-key"); }
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-draft-key")) {
      try { sessionStorage.setItem(draftKey(el), el.value); } catch (e) { /* storage full or off */ }
    }
  });
  document.addEventListener("submit", function (event) {
    // A plain form reloads the page; an htmx form clears its draft when the answer is saved.
    if (event.target.hasAttribute("hx-post")) return;
    event.target.querySelectorAll("[data-draft-key]").forEach(function (el) {
      try { sessionStorage.removeItem(draftKey(el)); } catch (e) { /* ignore */ }
    });
  });
  function restoreDrafts(root) {
    (root || document).querySelectorAll("form[data-saved] [data-draft-key]").forEach(function (el) {
      try { sessionStorage.removeItem(draftKey(el)); } catch (e) { /* ignore */ }
    });
    (root || document).querySelectorAll("[data-draft-key]").forEach(function (el) {
      var saved = null;
      try { saved = sessionStorage.getItem(draftKey(el)); } catch (e) { /* ignore */ }
      if (saved && !el.value && !el.closest("form[data-saved]")) { el.value = saved; }
    });
  }

  // The timer counts down on the page between server updates.
  function tick() {
    document.querySelectorAll(".timer[data-remaining]").forEach(function (el) {
      if (el.getAttribute("data-running") !== "true") return;
      var left = parseInt(el.getAttribute("data-remaining"), 10) - 1;
      el.setAttribute("data-remaining", left);
      var abs = Math.abs(left);
      el.textContent = (left < 0 ? "-" : "") + Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
      el.classList.toggle("over", left < 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sync(); restoreDrafts(document); setInterval(tick, 1000);
    document.body.addEventListener("htmx:afterSettle", function (event) { sync(); restoreDrafts(event.target); });
  });
})();
