// Draws each member's burn-up from its JSON data block: the milestones reached week by week, rising, against their
// total, the scope line. The tables beside each chart hold the same figures, for anyone the chart does not serve.
// Drawn again when the page's live regions are refreshed (the "cordee:live" event of live.js): the regions' canvases
// are new elements then, so each is drawn once.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function draw() {
    document.querySelectorAll("canvas[data-burn-up]").forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute("data-burn-up"));
      if (!source || Chart.getChart(canvas)) {
        return;
      }
      var data = JSON.parse(source.textContent);
      new Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            { label: "Milestones reached", data: data.reached, borderColor: "#2e7d4f", backgroundColor: "rgba(46, 125, 79, .15)", fill: true, stepped: true, pointRadius: 0 },
            { label: "All milestones", data: data.labels.map(function () { return data.total; }), borderColor: "#a8261b", borderDash: [6, 4], pointRadius: 0, fill: false },
          ],
        },
        options: {
          animation: still ? false : { duration: 400 },
          maintainAspectRatio: false,
          scales: {
            x: { ticks: { maxTicksLimit: 3, maxRotation: 0, autoSkipPadding: 16 } },
            y: { beginAtZero: true, suggestedMax: data.total, title: { display: true, text: "Milestones" } },
          },
          plugins: { legend: { position: "bottom" } },
        },
      });
    });
  }

  draw();
  document.addEventListener("cordee:live", draw);
})();
