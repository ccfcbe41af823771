// Draws the portfolio chart from the page's JSON data block: each cluster's days per organisation as a share of the
// single-organisation baseline (100 %), beside the share across every cluster. The table gives the same figures.
// Drawn again when the page's live regions are refreshed (the "cordee:live" event of live.js).
(function () {
  "use strict";
  var chart = null;

  function draw() {
    var canvas = document.getElementById("portfolio-chart");
    var source = document.getElementById("portfolio-data");
    if (!canvas || !source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var percent = function (share) { return share === null ? null : Math.round(share * 1000) / 10; };
    var datasets = [
      { type: "bar", label: "Days per organisation, % of the baseline", data: data.shares.map(percent), backgroundColor: "#1f5f8b" },
      {
        type: "line", label: "Single-organisation baseline", data: data.labels.map(function () { return 100; }),
        borderColor: "#a8261b", borderDash: [6, 4], pointRadius: 0, fill: false,
      },
    ];
    if (data.overall !== null) {
      datasets.push({
        type: "line", label: "All clusters", data: data.labels.map(function () { return percent(data.overall); }),
        borderColor: "#e0a526", pointRadius: 0, fill: false,
      });
    }
    if (chart) {
      chart.destroy();
    }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chart = new Chart(canvas, {
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: still ? false : { duration: 400 },
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: "% of the baseline" } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  draw();
  document.addEventListener("cordee:live", draw);
})();
