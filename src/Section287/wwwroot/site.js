// Section287's own script: small enhancements only. Every form works without it (docs/ARCHITECTURE.md, "Pages").
(function () {
  "use strict";

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
})();
