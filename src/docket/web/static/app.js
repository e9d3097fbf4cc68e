// docket viewer: the little JavaScript it has. Pages work without it; this adds
// the charts (Chart.js, vendored) and submits the "as of" form when the date changes.
(function () {
  "use strict";
  var DAY = 86400000;
  var STATUS_COLOURS = {
    pending: "#0b57a4", overdue: "#a3220f", fulfilled: "#1d6b2a", broken: "#7a1d6b",
    superseded: "#5b6470", ended: "#3d5a73", unknown: "#6b5a12"
  };

  var KIND_COLOURS = {
    event: "#c2410c", commitment: "#6b5a12", fulfilment: "#1d6b2a", moved: "#5b6470", broken: "#7a1d6b", ended: "#3d5a73",
    held: "#0f5f58"
  };

  // Month labels for long spans, day labels for short ones.
  function tickFormat(lo, hi) {
    var size = (hi - lo) < 200 * DAY ? 10 : 7;
    return function (v) { return isoDay(v).slice(0, size); };
  }

  function dayMs(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var asOf = document.getElementById("as_of");
  if (asOf && asOf.form) {
    asOf.addEventListener("change", function () {
      if (asOf.value) { asOf.form.submit(); }
    });
  }

  if (typeof window.Chart === "undefined") { return; }
  var Chart = window.Chart;
  Chart.defaults.animation = false;
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.color = "#1d232b";

  function timeline() {
    var canvas = document.getElementById("timeline-chart");
    var data = readJson("timeline-data");
    if (!canvas || !data || !data.rows.length) { return; }
    var rows = data.rows;
    var asOfMs = dayMs(data.as_of);
    var bars = rows.map(function (r) { return [dayMs(r.start), dayMs(r.end) + DAY]; });
    var colours = rows.map(function (r) {
      if (r.kind === "deadline") { return STATUS_COLOURS[r.status] || "#6b5a12"; }
      return KIND_COLOURS[r.kind] || "#5b6470";
    });
    var lo = Math.min.apply(null, bars.map(function (b) { return b[0]; }).concat([asOfMs]));
    var hi = Math.max.apply(null, bars.map(function (b) { return b[1]; }).concat([asOfMs]));
    var pad = Math.max((hi - lo) * 0.03, 7 * DAY);
    canvas.parentNode.style.height = Math.max(14, rows.length * 1.7 + 4) + "rem";
    var chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{
          label: "events and deadlines", data: bars, backgroundColor: colours,
          borderColor: colours, borderWidth: 1, minBarLength: 6, barPercentage: 0.7
        }]
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (ctx) {
            var r = rows[ctx.dataIndex];
            return (r.band ? r.start + " – " + r.end : r.start) + " · " + r.kind + " · " + r.status;
          } } }
        },
        scales: {
          x: { type: "linear", min: lo - pad, max: hi + pad,
               ticks: { callback: tickFormat(lo, hi), maxTicksLimit: 10 } },
          y: { ticks: { autoSkip: false } }
        }
      },
      plugins: [{
        id: "asOfLine",
        afterDatasetsDraw: function (c) {
          var x = c.scales.x.getPixelForValue(asOfMs);
          var ctx = c.ctx;
          ctx.save();
          ctx.strokeStyle = "#a3220f"; ctx.setLineDash([4, 3]); ctx.lineWidth = 1.5;
          ctx.beginPath(); ctx.moveTo(x, c.chartArea.top); ctx.lineTo(x, c.chartArea.bottom); ctx.stroke();
          ctx.fillStyle = "#a3220f"; ctx.fillText("as of " + data.as_of, x + 4, c.chartArea.top + 10);
          ctx.restore();
        }
      }]
    });
    canvas.dataset.rendered = String(chart.data.datasets[0].data.length);
  }

  function series() {
    var all = readJson("series-data") || [];
    var canvases = document.querySelectorAll("canvas.series-chart");
    Array.prototype.forEach.call(canvases, function (canvas) {
      var s = all[Number(canvas.dataset.series)];
      if (!s) { return; }
      var points = s.points.map(function (p) { return { x: dayMs(p.date), y: p.value, p: p }; });
      var ranges = [];
      s.points.forEach(function (p) {
        if (p.low !== null && p.high !== null) {
          ranges.push({ x: dayMs(p.date), y: p.low }, { x: dayMs(p.date), y: p.high });
        }
      });
      var xs = points.map(function (p) { return p.x; });
      var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
      var pad = Math.max((hi - lo) * 0.05, 15 * DAY);
      var chart = new Chart(canvas, {
        type: "line",
        data: { datasets: [
          { label: s.label, data: points, showLine: true, borderColor: "#0b57a4", backgroundColor: "#0b57a4",
            pointRadius: 5, pointHoverRadius: 7, tension: 0, borderWidth: 1.5 },
          { label: "ends of a reported range", data: ranges, showLine: false, pointStyle: "line", pointRadius: 9,
            borderColor: "#7a8794", backgroundColor: "#7a8794" }
        ] },
        options: {
          responsive: true, maintainAspectRatio: false, parsing: true,
          plugins: {
            legend: { labels: { filter: function (item, chartData) {
              return chartData.datasets[item.datasetIndex].data.length > 0;
            } } },
            tooltip: { callbacks: { label: function (ctx) {
            var p = ctx.raw.p;
            return p ? p.date + ": " + p.text : "";
          } } } },
          scales: {
            x: { type: "linear", min: lo - pad, max: hi + pad,
                 ticks: { callback: tickFormat(lo - pad, hi + pad), maxTicksLimit: 8 } },
            y: { beginAtZero: true, title: { display: true, text: s.noun } }
          }
        }
      });
      canvas.dataset.rendered = String(chart.data.datasets[0].data.length);
    });
  }

  timeline();
  series();
})();
