/* Latih: tell the server which parts of a video were really played.
 *
 * The player keeps the intervals it has played continuously (a seek starts a new one)
 * and reports them every few seconds, on pause and at the end. The server merges them
 * into unique seconds and decides when "Selesai Menonton" may be pressed; this script
 * only shows the button once the server says so. Reports that fail (no connection) are
 * kept and sent again. */
(function () {
  "use strict";
  var video = document.querySelector("video[data-viewing-url]");
  if (!video) return;

  var url = video.dataset.viewingUrl;
  var status = document.querySelector("[data-watch-status]");
  var form = document.querySelector("[data-complete-after-watching]");
  var hint = document.querySelector("[data-watch-hint]");
  var csrf = (JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"]) || "";
  var REPORT_EVERY_MS = 5000;
  var MAX_SECONDS_PER_REPORT = 120;

  var pending = [];      // closed intervals not yet accepted by the server
  var start = null;      // start of the interval being played
  var last = null;       // media time reached in it
  var lastWall = null;   // wall clock at ``last``
  var sending = false;

  function close() {
    if (start !== null && last !== null && last > start) pending.push([start, last]);
    start = null;
  }

  function track() {
    if (video.seeking) return;
    var t = video.currentTime, wall = performance.now();
    if (start === null) { start = t; last = t; lastWall = wall; return; }
    var played = t - last, elapsed = (wall - lastWall) / 1000;
    // Backwards, or further than playback could go in that time: a seek, not playing.
    if (played < 0 || played > elapsed * Math.max(1, video.playbackRate) * 1.5 + 1) {
      close();
      start = t;
    }
    last = t;
    lastWall = wall;
  }

  function batch() {
    var intervals = [], total = 0;
    for (var i = 0; i < pending.length && total < MAX_SECONDS_PER_REPORT; i++) {
      intervals.push(pending[i]);
      total += pending[i][1] - pending[i][0];
    }
    var closed = intervals.length;
    if (start !== null && last !== null && last > start && total < MAX_SECONDS_PER_REPORT) {
      intervals.push([start, last]);
    }
    return { intervals: intervals, closed: closed, openEnd: intervals.length > closed ? last : null };
  }

  function show(data) {
    if (status && status.dataset.textWatched) {
      status.textContent = status.dataset.textWatched
        .replace("__W__", Math.floor(data.watched))
        .replace("__T__", Math.round(data.duration));
    }
    if (data.can_complete && form) {
      form.hidden = false;
      if (hint) hint.hidden = true;
    }
  }

  function send() {
    if (sending) return;
    var report = batch();
    if (!report.intervals.length) return;
    sending = true;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ intervals: report.intervals }),
      keepalive: true
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok && result.data.accepted) {
        pending.splice(0, report.closed);
        // The open interval is on the server up to where it was sent: go on from there.
        if (report.openEnd !== null && start !== null) start = report.openEnd;
      }
      if (result.ok) show(result.data);
    }).catch(function () {
      if (status && status.dataset.textOffline) status.textContent = status.dataset.textOffline;
    }).then(function () { sending = false; });
  }

  video.addEventListener("playing", function () {
    start = video.currentTime; last = start; lastWall = performance.now();
  });
  video.addEventListener("timeupdate", function () { if (!video.paused) track(); });
  video.addEventListener("seeking", close);
  video.addEventListener("pause", function () { track(); close(); send(); });
  video.addEventListener("ended", function () {
    if (start !== null && video.duration - last < 2) last = video.duration;
    close();
    send();
  });
  window.setInterval(function () { if (!video.paused) { track(); send(); } }, REPORT_EVERY_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { track(); send(); }
  });
})();

/* The consent button works only when the box is ticked. */
(function () {
  "use strict";
  document.querySelectorAll("[data-consent]").forEach(function (form) {
    var box = form.querySelector("input[type=checkbox]");
    var button = form.querySelector("button[data-needs]");
    if (!box || !button) return;
    function sync() { button.disabled = !box.checked; button.setAttribute("aria-disabled", String(!box.checked)); }
    box.addEventListener("change", sync);
    sync();
  });
})();
