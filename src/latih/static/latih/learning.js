/* Latih: tell the server which parts of a video (or an audio) were really played.
 *
 * The player keeps the intervals it has played continuously (a seek starts a new one)
 * and reports them every few seconds, on pause and at the end. The server merges them
 * into unique seconds and decides when "Selesai Menonton" (for audio "Selesai") may be
 * pressed; this script only shows the button once the server says so. Reports that fail
 * (no connection) are kept and sent again. */
(function () {
  "use strict";
  // ``video`` is the media element: a <video> or an <audio>, which play alike.
  var video = document.querySelector("video[data-viewing-url], audio[data-viewing-url]");
  if (!video) return;

  var url = video.dataset.viewingUrl;
  var status = document.querySelector("[data-watch-status]");
  var form = document.querySelector("[data-complete-after-watching]");
  var hint = document.querySelector("[data-watch-hint]");
  var csrf = (JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"]) || "";
  var REPORT_EVERY_MS = 10000; // and on pause, at the end and when the page is hidden
  var MAX_SECONDS_PER_REPORT = 120;

  var pending = [];      // closed intervals not yet accepted by the server
  var start = null;      // start of the interval being played
  var last = null;       // media time reached in it
  var lastWall = null;   // wall clock at ``last``
  var sending = false;
  var retry = null;      // a report that was not taken is sent again shortly

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
      var taken = result.ok && result.data.accepted;
      if (taken) {
        pending.splice(0, report.closed);
        // The open interval is on the server up to where it was sent: go on from there.
        if (report.openEnd !== null && start !== null) start = report.openEnd;
      }
      if (result.ok) show(result.data);
      // A refused report says why, where the player's status is read out.
      else if (status && result.data && result.data.message) status.textContent = result.data.message;
      if (result.ok && (!taken || pending.length)) later(3000);
    }).catch(function () {
      if (status && status.dataset.textOffline) status.textContent = status.dataset.textOffline;
      later(5000);
    }).then(function () { sending = false; });
  }

  // Paused or ended, nothing else would send what is still pending: try again later.
  function later(ms) {
    if (retry) return;
    retry = window.setTimeout(function () { retry = null; send(); }, ms);
  }

  // A stall to buffer ("waiting") ends the span played so far: it is kept for the next
  // report, not dropped when playback resumes (a slow phone connection stalls often).
  video.addEventListener("waiting", function () { track(); close(); });
  video.addEventListener("playing", function () {
    close();
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

/* PDF documents and slides shown in the page with pdf.js (served by the app), page by
 * page as they scroll into view, so that phones without a PDF viewer show them too. The
 * document is fetched in ranges: the first page appears before the whole file arrives.
 *
 * The viewer is a scroll container that takes the keyboard focus (Tab, then the arrows,
 * Page Up / Page Down, Home / End scroll it natively) and is a named region. Each page
 * is its drawing, an image named "Halaman n dari N" that marks where the page begins,
 * followed by pdf.js's text layer: the page's text, transparent over the drawing, for
 * screen readers, selection and search. pdf.js sets the layer's styles through the CSSOM
 * (element.style), which the Content-Security-Policy allows; no style attribute is
 * written in markup. */
(function () {
  "use strict";
  var views = document.querySelectorAll("[data-pdf-src]");
  if (!views.length) return;
  views.forEach(function (view) {
    var failed = function () { view.hidden = true; var alt = view.nextElementSibling; if (alt) alt.hidden = false; };
    var pdfjs = null;
    import(view.dataset.pdfjs).then(function (module) {
      pdfjs = module;
      pdfjs.GlobalWorkerOptions.workerSrc = view.dataset.pdfWorker;
      return pdfjs.getDocument({ url: view.dataset.pdfSrc, withCredentials: true, disableAutoFetch: true, isEvalSupported: false }).promise;
    }).then(function (doc) {
      var status = view.querySelector("[data-pdf-status]");
      if (status) status.remove();
      view.tabIndex = 0; // a scrolling region must be reachable by keyboard
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          render(pdfjs, doc, entry.target);
        });
      }, { root: view, rootMargin: "600px 0px" });
      for (var n = 1; n <= doc.numPages; n++) {
        var sheet = document.createElement("div");
        sheet.className = "pdf-sheet";
        var canvas = document.createElement("canvas");
        canvas.className = "pdf-page";
        canvas.dataset.page = String(n);
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", view.dataset.pageLabel.replace("__N__", n).replace("__T__", doc.numPages));
        canvas.style.aspectRatio = "1 / 1.414";
        sheet.appendChild(canvas);
        view.appendChild(sheet);
        observer.observe(canvas);
      }
      view.dataset.pages = String(doc.numPages);
      // The text layer is sized from the page's width on screen: follow it when it changes.
      new ResizeObserver(function () {
        view.querySelectorAll(".pdf-sheet[data-width]").forEach(scale);
      }).observe(view);
    }).catch(failed);
  });

  function scale(sheet) {
    var width = sheet.clientWidth || Number(sheet.dataset.width);
    sheet.style.setProperty("--total-scale-factor", String(width / Number(sheet.dataset.width)));
  }

  function render(pdfjs, doc, canvas) {
    var sheet = canvas.parentElement;
    doc.getPage(Number(canvas.dataset.page)).then(function (page) {
      var base = page.getViewport({ scale: 1 });
      var width = sheet.clientWidth || base.width;
      var ratio = window.devicePixelRatio || 1;
      var viewport = page.getViewport({ scale: (width / base.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.aspectRatio = base.width + " / " + base.height;
      sheet.dataset.width = String(base.width);
      scale(sheet);
      var drawn = page.render({ canvas: canvas, viewport: viewport }).promise.then(function () {
        canvas.dataset.rendered = "1";
      });
      var layer = document.createElement("div");
      layer.className = "textLayer";
      sheet.appendChild(layer);
      var text = new pdfjs.TextLayer({
        textContentSource: page.streamTextContent(),
        container: layer,
        viewport: page.getViewport({ scale: width / base.width })
      });
      var read = text.render().then(function () { sheet.dataset.text = "1"; }, function () {
        layer.remove(); // no text layer: the drawing is still there
      });
      return Promise.all([drawn, read]);
    });
  }
})();

/* A journal being written is kept in the browser as it is typed, so that a lost connection
 * or a closed tab does not lose it; it comes back into an empty box. Once the server has
 * the journal (the page shows no box any more), the copy is dropped. */
(function () {
  "use strict";
  var holder = document.querySelector("[data-journal-key]");
  if (!holder) return;
  var key = "latih:journal:" + holder.dataset.journalKey;
  var box = holder.querySelector("textarea");
  try {
    if (!box) { window.localStorage.removeItem(key); return; }
    var kept = window.localStorage.getItem(key);
    if (kept && !box.value.trim()) {
      box.value = kept;
      var note = holder.querySelector("[data-restored]");
      if (note) note.hidden = false;
    }
    // Typed before this script ran (a slow connection): keep it now.
    else if (box.value !== box.defaultValue) window.localStorage.setItem(key, box.value);
    box.addEventListener("input", function () { window.localStorage.setItem(key, box.value); });
  } catch (e) { /* storage unavailable (private mode): nothing to keep */ }
})();
