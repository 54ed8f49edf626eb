// Section287's own script: small enhancements only. Every form works without it (docs/ARCHITECTURE.md, "Pages").
(function () {
  "use strict";

  // Tells the server this browser runs the script, so that a page which must otherwise reload itself (an import's progress)
  // updates in place instead. It names nothing and nobody; it lasts the browser session.
  document.cookie = "s287-script=1; path=/; SameSite=Strict";

  // "Now" beside a time field: fills it with the present moment on the reader's wall clock (the zone the page shows times in,
  // whose offset the server writes on the button), not the device's zone. Without script the field says "empty for now".
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function nowIn(offsetMinutes) {
    var d = new Date(Date.now() + offsetMinutes * 60000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "T" + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  document.querySelectorAll("button.s287-now[data-now-for]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-now-for"));
      if (!field) return;
      field.value = nowIn(parseInt(button.getAttribute("data-offset") || "0", 10));
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
    });
  });

  // A form with data-draft-url keeps a draft on the server while it is typed (a few seconds after the last change), so a
  // session that ends loses nothing; the "Save a draft" button does the same without script.
  document.querySelectorAll("form[data-draft-url]").forEach(function (form) {
    var timer = null;
    var status = document.getElementById(form.getAttribute("data-draft-status") || "");
    function save() {
      timer = null;
      fetch(form.getAttribute("data-draft-url"), {
        method: "POST", body: new FormData(form), credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (status && response.status === 204) status.textContent = status.getAttribute("data-saved") + " " + new Date().toLocaleTimeString();
      }).catch(function () { /* offline: the next change tries again */ });
    }
    form.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 3000);
    });
  });

  // A list marked data-refresh-every updates itself in place (no page load): the same address is fetched and the list's
  // contents replaced, keeping the scroll position; a round is skipped while the reader is inside it (focus or pointer).
  document.querySelectorAll("[data-refresh-every][id]").forEach(function (box) {
    var seconds = parseInt(box.getAttribute("data-refresh-every"), 10);
    if (!(seconds > 0)) return;
    var hovered = false;
    box.addEventListener("mouseenter", function () { hovered = true; });
    box.addEventListener("mouseleave", function () { hovered = false; });
    var timer = setInterval(function () {
      // The box itself may hold focus (an address ending in its #id focuses it): only a control inside it counts as in use.
      var active = document.activeElement;
      if (hovered || (active && active !== box && box.contains(active))) return;
      fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok && !response.redirected ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(box.id);
          if (!fresh) return;
          box.innerHTML = fresh.innerHTML;
          // A box that no longer asks to be refreshed (an import that ended) stops.
          if (!(parseInt(fresh.getAttribute("data-refresh-every") || "0", 10) > 0)) { box.removeAttribute("data-refresh-every"); clearInterval(timer); }
        })
        .catch(function () { /* offline: the next round tries again */ });
    }, seconds * 1000);
  });
})();
