/* Latih studio: drag and drop to reorder sections and materials (the Move up / Move down
   buttons do the same with a keyboard, or without JavaScript); and the length of a chosen
   video or audio file read in the browser, for the files the server cannot read (WebM). */
(function () {
  "use strict";

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) return headers["X-CSRFToken"];
    } catch (e) { /* fall back to a form's token */ }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function items(list) {
    return Array.prototype.filter.call(list.children, function (li) { return li.hasAttribute("data-id"); });
  }

  function ids(list) {
    return items(list).map(function (li) { return li.getAttribute("data-id"); });
  }

  // The first item cannot move up nor the last one down: keep the buttons saying so.
  function refreshButtons(list) {
    var all = items(list);
    all.forEach(function (li, index) {
      var up = li.querySelector(":scope > .buttons button[name=step][value='-1']");
      var down = li.querySelector(":scope > .buttons button[name=step][value='1']");
      if (up) up.disabled = index === 0;
      if (down) down.disabled = index === all.length - 1;
    });
  }

  function announce(key) {
    var status = document.getElementById("studio-status");
    if (status) status.textContent = status.getAttribute(key) || "";
  }

  function save(list, before) {
    var body = new FormData();
    body.append("kind", list.getAttribute("data-kind"));
    if (list.hasAttribute("data-section")) body.append("section", list.getAttribute("data-section"));
    body.append("ids", ids(list).join(","));
    fetch(list.getAttribute("data-order-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      refreshButtons(list);
      announce("data-saved");
    }).catch(function () {
      before.forEach(function (li) { list.appendChild(li); });
      refreshButtons(list);
      announce("data-failed");
    });
  }

  var dragged = null, before = [], dropped = false;

  // Only the grip starts a drag, so text stays selectable and buttons clickable.
  document.addEventListener("pointerdown", function (event) {
    var grip = event.target.closest && event.target.closest(".studio-grip");
    var li = grip && grip.closest("li[data-id]");
    if (li) li.draggable = true;
  });
  document.addEventListener("pointerup", function () {
    if (dragged) return;
    document.querySelectorAll("li[data-id][draggable=true]").forEach(function (li) { li.draggable = false; });
  });

  document.addEventListener("dragstart", function (event) {
    var li = event.target.closest && event.target.closest("li[data-id]");
    if (!li || !li.draggable) return;
    event.stopPropagation();
    dragged = li;
    dropped = false;
    before = items(li.parentNode);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", li.getAttribute("data-id"));
    li.classList.add("studio-dragging");
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var over = event.target.closest && event.target.closest("li[data-id]");
    // A material moves among its section's materials, a section among the sections.
    while (over && over.parentNode !== dragged.parentNode) {
      over = over.parentNode.closest("li[data-id]");
    }
    if (!over) return;
    event.preventDefault();
    if (over === dragged) return;
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    event.preventDefault();
    dropped = true;
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var li = dragged, list = li.parentNode;
    dragged = null;
    li.draggable = false;
    li.classList.remove("studio-dragging");
    var changed = ids(list).join(",") !== before.map(function (x) { return x.getAttribute("data-id"); }).join(",");
    if (!dropped) {
      before.forEach(function (item) { list.appendChild(item); });
    } else if (changed) {
      save(list, before);
    }
  });

  // Video and audio: read the length from the chosen file, as the player would.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file" || !input.files || !input.files[0] || !input.form) return;
    var field = input.form.querySelector("input[data-duration]");
    if (!field) return;
    var file = input.files[0];
    var media = document.createElement(file.type.indexOf("audio/") === 0 ? "audio" : "video");
    var url = URL.createObjectURL(file);
    function finish() {
      if (isFinite(media.duration) && media.duration > 0) {
        field.value = media.duration.toFixed(2);
        URL.revokeObjectURL(url);
        media.removeAttribute("src");
      }
    }
    media.preload = "metadata";
    media.addEventListener("loadedmetadata", function () {
      // Recorded WebM often has no length in its header: seeking to the end reveals it.
      if (media.duration === Infinity) media.currentTime = 1e101;
      else finish();
    });
    media.addEventListener("durationchange", finish);
    media.addEventListener("error", function () { URL.revokeObjectURL(url); });
    media.src = url;
  });
})();
