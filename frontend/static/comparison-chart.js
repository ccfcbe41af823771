// Draws the comparison's radar chart from the page's JSON data block: maturity per area, the viewer's own levels
// beside the cluster's median, minimum and maximum. The table on the page holds the same figures.
// Drawn again when the page's live regions are refreshed (the "cordee:live" event of live.js).
(function () {
  "use strict";
  var chart = null;

  function draw() {
    var canvas = document.getElementById("comparison-chart");
    var source = document.getElementById("comparison-data");
    if (!canvas || !source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var datasets = [];
    function add(label, values, colour, dash, fill) {
      if (values.every(function (v) { return v === null; })) {
        return;
      }
      datasets.push({
        label: label,
        data: values,
        borderColor: colour,
        backgroundColor: fill || "transparent",
        borderDash: dash || [],
        pointRadius: 3,
        fill: Boolean(fill),
      });
    }
    add("Yours", data.own, "#1f5f8b", null, "rgba(31, 95, 139, 0.15)");
    add("Cluster median", data.median, "#a8261b");
    add("Cluster minimum", data.minimum, "#888888", [4, 4]);
    add("Cluster maximum", data.maximum, "#555555", [8, 4]);
    if (chart) {
      chart.destroy();
    }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chart = new Chart(canvas, {
      type: "radar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: still ? false : { duration: 400 },
        maintainAspectRatio: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  draw();
  document.addEventListener("cordee:live", draw);
})();
