// Draws the effort chart from the page's JSON data block: stacked days per member beside the single-organisation
// baseline. The table on the page holds the same figures, for anyone the chart does not serve.
(function () {
  "use strict";
  var canvas = document.getElementById("effort-chart");
  var source = document.getElementById("effort-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = ["#1f5f8b", "#6aa2c8", "#e0a526"];
  var datasets = data.series.map(function (series, index) {
    return { type: "bar", label: series.label, data: series.days, backgroundColor: colours[index % colours.length], stack: "days" };
  });
  if (data.baseline !== null) {
    datasets.push({
      type: "line",
      label: "Single-organisation baseline",
      data: data.labels.map(function () { return data.baseline; }),
      borderColor: "#a8261b",
      borderDash: [6, 4],
      pointRadius: 0,
      fill: false,
      stack: "baseline",
    });
  }
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  new Chart(canvas, {
    data: { labels: data.labels, datasets: datasets },
    options: {
      animation: still ? false : { duration: 400 },
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "Days" } },
      },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
