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

  // The banner says what is true: whether the connection is down, and how many answers are
  // not sent yet (those wait in `pending` and are sent again by themselves).
  var connected = true;
  function setStatus() {
    var count = Object.keys(pending).length, text = "";
    var waiting = count === 1 ? "1 svar är inte skickat än" : count + " svar är inte skickade än";
    if (!connected) {
      text = "Anslutningen bröts – försöker igen. " + (count
        ? waiting + "; de skickas av sig själva när anslutningen är tillbaka."
        : "Svar du skickar nu sparas först när anslutningen är tillbaka.");
    } else if (count) {
      text = waiting + " – försöker igen.";
    }
    document.querySelectorAll("[data-live-status]").forEach(function (el) {
      if (el.textContent !== text) el.textContent = text;
    });
  }

  // Announcements for screen readers, in a region that is on the page before its text changes.
  function announce(text) {
    document.querySelectorAll("[data-announce]").forEach(function (el) {
      el.textContent = "";
      setTimeout(function () { el.textContent = text; }, 50);
    });
  }
  window.toolkitAnnounce = announce;

  // Answers: each send carries a key made here, so a retry is stored once. A send that fails
  // (no connection, a time-out, a server error) keeps its form and text, says "not sent yet",
  // and is sent again with the same key when the connection is back.
  var PENDING = "pending-answers", pending = {};
  try { pending = JSON.parse(sessionStorage.getItem(PENDING) || "{}") || {}; } catch (e) { pending = {}; }
  function savePending() {
    try { sessionStorage.setItem(PENDING, JSON.stringify(pending)); } catch (e) { /* ignore */ }
    setStatus();
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function answerId(form) {
    var box = form.querySelector("[data-draft-key]");
    return box ? box.getAttribute("data-draft-key") : form.id;
  }
  var NOT_SENT = "Inte skickat än – din text finns kvar här. Svaret skickas av sig självt när anslutningen är tillbaka.";
  function sendStatus(form, text, failed) {
    var el = form.querySelector("[data-send-status]");
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("not-sent", !!failed);
    el.classList.remove("saved");
  }
  function stampForms(root) {
    (root || document).querySelectorAll("form[data-answer-form]").forEach(function (form) {
      var id = answerId(form), keyField = form.querySelector("[data-answer-key]");
      if (form.hasAttribute("data-saved")) {
        if (pending[id]) { delete pending[id]; savePending(); }
        var saved = form.querySelector("[data-send-status]");
        if (saved && saved.textContent && form.__announced !== true) { form.__announced = true; announce(saved.textContent); }
      } else {
        var refused = form.querySelector(".error");
        if (refused && form.__announced !== true) { form.__announced = true; announce(refused.textContent); }
      }
      if (!keyField) return;
      if (pending[id] && !form.hasAttribute("data-saved")) {
        keyField.value = pending[id].key;  // the same send again: the same key
        sendStatus(form, NOT_SENT, true);
      } else if (!keyField.hasAttribute("data-browser-key")) {
        keyField.value = newKey();
      }
      keyField.setAttribute("data-browser-key", "");
    });
  }
  function fields(form) {
    var out = {};
    new FormData(form).forEach(function (value, name) { out[name] = value; });
    return out;
  }
  function failed(event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form[data-answer-form]")) return;
    pending[answerId(form)] = { key: form.querySelector("[data-answer-key]").value,
                                action: form.getAttribute("hx-post"), fields: fields(form) };
    savePending();
    sendStatus(form, NOT_SENT, true);
    announce(NOT_SENT);
  }
  ["htmx:sendError", "htmx:timeout", "htmx:responseError"].forEach(function (name) {
    document.addEventListener(name, failed);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-answer-form]")) sendStatus(form, "Skickar …", false);
  });
  // A send the server refused (4xx) was answered, with what it said: it is not sent again. Said
  // in the kept box above (the form stayed), the form's own line points there.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt, status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (!form || !form.matches || !form.matches("form[data-answer-form]")) return;
    if (status < 400 || status >= 500) return;
    if (pending[answerId(form)]) { delete pending[answerId(form)]; savePending(); }
    if (document.body.contains(form)) sendStatus(form, "Sparades inte – se meddelandet överst på sidan.", true);
  });
  // A live part fetched again (another member of the group sent, the leader moved on) must not
  // take away what a send just said: the saved line of each form comes along into the new part.
  var carried = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    carried = null;
    if (event.detail.requestConfig && event.detail.requestConfig.verb !== "get") return;
    event.detail.target.querySelectorAll("form[data-answer-form][data-saved]").forEach(function (form) {
      var status = form.querySelector("[data-send-status]");
      if (status && status.textContent) (carried = carried || {})[answerId(form)] = status.textContent;
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (!carried) return;
    event.detail.target.querySelectorAll("form[data-answer-form]").forEach(function (form) {
      var status = form.querySelector("[data-send-status]"), text = carried[answerId(form)];
      if (!text || !status || status.textContent || pending[answerId(form)]) return;
      form.setAttribute("data-saved", "");
      form.__announced = true;  // said once already, when it was saved
      status.textContent = text;
      status.classList.add("saved");
    });
    carried = null;
  });
  var retrying = false;
  function retryPending() {
    var ids = Object.keys(pending);
    if (!ids.length || retrying) return;
    retrying = true;
    var waits = ids.map(function (id) {
      var box = document.querySelector('[data-draft-key="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
      var form = box && box.closest("form[data-answer-form]");
      if (form && window.htmx) {
        form.querySelector("[data-answer-key]").value = pending[id].key;
        if (!box.value) box.value = pending[id].fields.text || "";
        htmx.trigger(form, "submit");
        return Promise.resolve();
      }
      return sendAway(id);
    });
    Promise.all(waits).then(function () { retrying = false; }, function () { retrying = false; });
  }
  // An answer whose form is no longer on the page (the exercise changed) is sent as it was.
  function sendAway(id) {
    var item = pending[id], body = new FormData();
    Object.keys(item.fields).forEach(function (name) { body.append(name, item.fields[name]); });
    body.set("key", item.key);
    return fetch(item.action, { method: "POST", body: body, credentials: "same-origin",
                                headers: { "HX-Request": "true", "X-CSRFToken": item.fields.csrf_token || "" } })
      .then(function (response) {
        if (response.status >= 500) return;  // still not sent: try again later
        delete pending[id]; savePending();
        return response.text().then(function (html) {
          var target = document.querySelector(response.headers.get("HX-Retarget") || "");
          if (target && !response.ok) { target.innerHTML = html; if (window.htmx) htmx.process(target); }
          else if (response.ok) {
            try { sessionStorage.removeItem("draft:" + id); } catch (e) { /* ignore */ }
            announce("Ditt svar som inte hade skickats är nu sparat.");
          }
          fire("refresh");
        });
      }, function () { /* no connection yet */ });
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = setInterval(function () { retryPending(); fire("refresh"); }, 5000);
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
      connected = true;
      retryPending();  // first what was not sent, then the refresh (held until they are done)
      if (wasOpen || failures) { fire("refresh"); }
      wasOpen = true; failures = 0;
      stopPolling(); setStatus();
    };
    source.onmessage = function (event) { if (event.data !== "hello") fire(event.data); };
    source.onerror = function () {
      connected = false; setStatus();
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

  // The exercise changes while someone is typing an answer they have not sent: the new exercise
  // replaces the form, so the typed text is shown in the kept box above it (it stays a draft too).
  var unsent = [];
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "exercise") return;
    unsent = [];
    var heading = event.detail.target.querySelector("h1[data-exercise]");
    event.detail.target.querySelectorAll("form[data-answer-form]:not([data-saved]) textarea").forEach(function (box) {
      if (box.value.trim()) unsent.push({ exercise: heading ? heading.textContent.trim() : "", key: heading && heading.getAttribute("data-exercise"), text: box.value });
    });
  });
  function keepUnsent() {
    var kept = document.getElementById("kept"), heading = document.querySelector("#exercise h1[data-exercise]");
    var now = heading ? heading.getAttribute("data-exercise") : "";
    // A text the kept box already holds (the server refused its send there) keeps what it said.
    var shown = kept ? Array.prototype.map.call(kept.querySelectorAll("textarea"), function (area) { return area.value; }) : [];
    var gone = unsent.filter(function (item) { return item.key !== now && shown.indexOf(item.text) === -1; });
    unsent = [];
    if (!kept || !gone.length) return;
    var earlier = kept.querySelector(".unsent");
    if (earlier) earlier.remove();
    var box = document.createElement("div");
    box.className = "notice warning kept unsent";
    var said = document.createElement("p");
    said.textContent = "Övningen byttes innan du skickade ditt svar i " + gone[0].exercise +
      ". Texten är inte skickad; den finns kvar här, och i rutan om processledaren går tillbaka till övningen.";
    box.appendChild(said);
    gone.forEach(function (item, index) {
      var label = document.createElement("label"), area = document.createElement("textarea");
      label.setAttribute("for", "unsent-" + index);
      label.textContent = "Din text " + (index + 1);
      area.id = "unsent-" + index; area.rows = 3; area.readOnly = true; area.value = item.text;
      box.appendChild(label); box.appendChild(area);
    });
    kept.appendChild(box);
  }

  document.addEventListener("DOMContentLoaded", function () {
    sync(); restoreDrafts(document); stampForms(document); setStatus(); setInterval(tick, 1000);
    // Answers that failed while the connection is up (a server error) are tried again too.
    setInterval(function () { if (connected) retryPending(); }, 10000);
    document.body.addEventListener("htmx:afterSettle", function (event) {
      sync(); restoreDrafts(event.target); stampForms(document);
      if (event.target && event.target.id === "exercise") keepUnsent();
    });
  });
})();
