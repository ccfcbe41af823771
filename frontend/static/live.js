// Live pages: when the page's main element names a stream (data-live), listen to it; on "changed", fetch the page
// again and replace each of its live regions (data-live-region, by id) with the new one, then tell the page's
// scripts ("cordee:live" on document) so charts redraw. Without JavaScript the page is a plain page: reload it.
(function () {
  "use strict";
  var main = document.querySelector("main[data-live]");
  if (!main || typeof EventSource === "undefined" || typeof fetch === "undefined") {
    return;
  }
  var note = document.createElement("p");
  note.className = "live-note";
  note.setAttribute("aria-live", "polite");
  main.insertBefore(note, main.firstChild);
  var busy = false;
  var again = false; // a change told while a refresh runs: fetched once more when it ends

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html", "X-Cordee-Live": "1" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var regions = main.querySelectorAll("[data-live-region][id]");
        var replaced = 0;
        Array.prototype.forEach.call(regions, function (region) {
          var next = fresh.getElementById(region.id);
          if (next && next.hasAttribute("data-live-region")) {
            region.replaceWith(document.importNode(next, true));
            replaced += 1;
          }
        });
        if (replaced) {
          note.textContent = "Updated just now";
          document.dispatchEvent(new CustomEvent("cordee:live", { detail: { regions: replaced } }));
        }
      })
      .catch(function () { /* the next change tries again; a reload always works */ })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  var source = new EventSource(main.getAttribute("data-live"));
  source.addEventListener("open", function () { main.setAttribute("data-live-open", ""); });
  source.addEventListener("changed", refresh);
})();
