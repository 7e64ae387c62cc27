/* Latih: the attempt page. Every answer is sent as it is given and kept on this device
 * until the server has it; answers that could not be sent (no connection) are sent again,
 * and the page says how many are waiting. Each change of an answer carries a number that
 * grows, so a retried older answer never replaces a newer one on the server.
 *
 * The clock shows the time the server says is left, counted down with the browser's
 * monotonic clock (not its wall clock, which may be wrong); each save brings the server's
 * figure again. When it reaches zero the page goes to the result: the server submits the
 * attempt with what it has saved. */
(function () {
  "use strict";
  var root = document.querySelector("[data-exam]");
  if (!root) return;

  var attemptId = root.dataset.exam;
  var url = root.dataset.answerUrl;
  var resultUrl = root.dataset.resultUrl;
  var csrf = (JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"]) || "";
  var storeKey = "latih-attempt-" + root.dataset.person + "-" + attemptId;
  var clock = root.querySelector("[data-clock]");
  var status = root.querySelector("[data-status]");
  var unsavedNote = root.querySelector("[data-unsaved]");
  var questions = Array.prototype.slice.call(root.querySelectorAll("fieldset[data-position]"));
  var byPosition = {};
  questions.forEach(function (q) { byPosition[q.dataset.position] = q; });

  function text(name, values) {
    var node = document.querySelector('template[data-text="' + name + '"]');
    var s = node ? node.innerHTML.trim() : name;
    Object.keys(values || {}).forEach(function (k) { s = s.replace("%(" + k + ")s", values[k]); });
    var tmp = document.createElement("textarea");
    tmp.innerHTML = s;
    return tmp.value;
  }

  // --- The device's copy of answers not yet stored: {position: {selected, seq}} --------
  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { return {}; }
  }
  function keep() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* full or private mode: memory only */ }
  }
  var pending = load();

  function selectedOf(q) {
    return Array.prototype.slice.call(q.querySelectorAll("input:checked")).map(function (i) { return i.value; });
  }
  function show(q, selected) {
    q.querySelectorAll("input[name^='q-']").forEach(function (input) {
      input.checked = selected.indexOf(input.value) !== -1;
    });
  }
  function storedSeq(q) { return parseInt(q.dataset.seq, 10) || 0; }
  function setSeq(q, seq) {
    q.dataset.seq = String(seq);
    var hidden = q.querySelector("[data-seq-input]");
    if (hidden) hidden.value = String(seq + 1);
  }

  // --- Status --------------------------------------------------------------------------
  function refresh() {
    var answered = 0;
    questions.forEach(function (q) {
      var done = selectedOf(q).length > 0;
      if (done) answered++;
      var link = root.querySelector('[data-map="' + q.dataset.position + '"]');
      if (link) {
        link.classList.toggle("is-answered", done);
        link.classList.toggle("is-unsaved", !!pending[q.dataset.position]);
      }
    });
    var waiting = Object.keys(pending).length;
    status.textContent = text("answered", { answered: answered, total: questions.length }) +
      " · " + (waiting ? text("saving") : text("saved"));
    if (waiting && offline) {
      unsavedNote.textContent = text("unsaved", { count: waiting });
      unsavedNote.hidden = false;
    } else {
      unsavedNote.hidden = true;
    }
  }

  // --- Sending -------------------------------------------------------------------------
  var offline = false;
  var inflight = {};
  var retryTimer = null;
  var backoff = 1000;
  var ended = false;

  function end() {
    if (ended) return;
    ended = true;
    try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
    questions.forEach(function (q) { q.disabled = true; });
    status.textContent = text("late");
    window.location.assign(resultUrl);
  }

  function send(position) {
    var answer = pending[position];
    if (!answer || inflight[position] || ended) return;
    inflight[position] = answer.seq;
    var body = new URLSearchParams();
    body.append("position", position);
    body.append("seq", answer.seq);
    answer.selected.forEach(function (v) { body.append("option", v); });
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" },
      body: body
    }).then(function (response) {
      if (response.status === 409) { end(); return null; }
      if (response.status === 400) {
        // A bad answer cannot become good by sending it again: say so at its question.
        if (pending[position] && pending[position].seq === answer.seq) delete pending[position];
        return response.json().catch(function () { return {}; }).then(function (data) {
          refused(position, (data && data.message) || text("refused"));
          return null;
        });
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      delete inflight[position];
      offline = false;
      backoff = 1000;
      if (data) {
        refused(position, "");
        var q = byPosition[position];
        if (data.seq > storedSeq(q)) setSeq(q, data.seq);
        if (pending[position] && pending[position].seq <= data.seq) delete pending[position];
        if (typeof data.seconds_left === "number") sync(data.seconds_left);
      }
      keep();
      refresh();
      if (pending[position]) send(position); // changed again while this one was on its way
    }).catch(function () {
      delete inflight[position];
      offline = true;
      refresh();
      schedule();
    });
  }

  // The server's refusal of an answer, shown (and read out) at its question; "" clears it.
  function refused(position, message) {
    var q = byPosition[position];
    if (!q) return;
    var note = q.querySelector("[data-answer-error]");
    if (!message) { if (note) note.remove(); return; }
    if (!note) {
      note = document.createElement("p");
      note.className = "errors";
      note.setAttribute("role", "alert");
      note.setAttribute("data-answer-error", "");
      var legend = q.querySelector("legend");
      q.insertBefore(note, legend ? legend.nextSibling : q.firstChild);
    }
    note.textContent = message;
  }

  function flush() {
    Object.keys(pending).forEach(send);
  }

  function schedule() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      flush();
    }, backoff);
    backoff = Math.min(backoff * 2, 30000);
  }

  window.addEventListener("online", function () { backoff = 1000; flush(); });

  root.addEventListener("change", function (event) {
    var q = event.target.closest("fieldset[data-position]");
    if (!q || ended) return;
    var position = q.dataset.position;
    var base = Math.max(storedSeq(q), pending[position] ? pending[position].seq : 0);
    pending[position] = { selected: selectedOf(q), seq: base + 1 };
    var hidden = q.querySelector("[data-seq-input]");
    if (hidden) hidden.value = String(base + 1);
    keep();
    refresh();
    send(position);
  });

  // Answers given before this script ran (a slow connection): what is checked differs
  // from what the server rendered, so it is queued like any other change.
  questions.forEach(function (q) {
    var position = q.dataset.position;
    var changed = Array.prototype.some.call(q.querySelectorAll("input[name^='q-']"), function (i) {
      return i.checked !== i.defaultChecked;
    });
    if (changed) {
      var base = Math.max(storedSeq(q), pending[position] ? pending[position].seq : 0);
      pending[position] = { selected: selectedOf(q), seq: base + 1 };
    }
  });

  // Answers this device gave but the server never stored (the page was closed or
  // reloaded without a connection) are shown again and sent.
  Object.keys(pending).forEach(function (position) {
    var q = byPosition[position];
    if (!q || pending[position].seq <= storedSeq(q)) { delete pending[position]; return; }
    show(q, pending[position].selected);
    var hidden = q.querySelector("[data-seq-input]");
    if (hidden) hidden.value = String(pending[position].seq);
  });
  keep();
  flush();

  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length && !ended && !leaving) {
      event.preventDefault();
      event.returnValue = text("leave");
    }
  });

  // "Selesai" sends the whole form too (the server keeps whichever change is newer).
  var leaving = false;
  root.querySelector("form").addEventListener("submit", function (event) {
    if (Object.keys(pending).length && offline && !window.confirm(text("leave"))) {
      event.preventDefault();
      return;
    }
    leaving = true;
  });

  // --- The clock -----------------------------------------------------------------------
  var endsAt = performance.now() + 1000 * parseInt(root.dataset.secondsLeft, 10);
  function sync(secondsLeft) { endsAt = performance.now() + 1000 * secondsLeft; }
  var warn = root.querySelector("[data-time-warning]");
  var announced = {};
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((endsAt - performance.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    clock.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s);
    root.classList.toggle("exam--ending", left <= 300);
    // Screen readers hear the time at five minutes and at one minute, not every second.
    [300, 60].forEach(function (mark) {
      if (left <= mark && !announced[mark]) {
        announced[mark] = true;
        if (left > mark - 5) warn.textContent = text("minutes", { minutes: mark / 60 });
      }
    });
    if (left <= 0) {
      // Give the last answers a moment, then the server's result.
      flush();
      setTimeout(end, 1500);
      return;
    }
    setTimeout(tick, 1000 - (performance.now() % 1000));
  }
  refresh();
  tick();
})();
