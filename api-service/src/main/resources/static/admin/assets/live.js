// Live values in the admin UI (Server-Sent Events from /admin/live/events/): the datapoint list's
// last value and its time, and the chart's series. Pages opt in with data-live-events.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    var host = document.querySelector('[data-live-events]');
    if (!host || !window.EventSource) { return; }
    var ids = [];
    document.querySelectorAll('[data-live-datapoint]').forEach(function (node) {
      ids.push(node.getAttribute('data-live-datapoint'));
    });
    if (ids.length === 0) { return; }
    var source = new EventSource(host.getAttribute('data-live-events') + '?datapoint__id__in=' + ids.join(','));
    source.addEventListener('value', function (event) {
      var m = JSON.parse(event.data);
      var row = document.getElementById('dp-' + m.datapoint);
      if (row) {
        var value = row.querySelector('.last-value code');
        if (value) { value.textContent = m.value; }
        var time = row.querySelector('.last-value-time');
        if (time) { time.textContent = 'just now'; time.title = m.time; } // the age, with the time as its title
        row.classList.add('updated');
      }
      var chart = document.getElementById('chart');
      if (chart && m.number !== undefined && String(m.datapoint) === chart.getAttribute('data-live-datapoint')
          && window.bemcomAdmin && window.bemcomAdmin.drawChart) {
        var points = JSON.parse(chart.getAttribute('data-series') || '[]');
        var start = Number(chart.getAttribute('data-start'));
        var end = Number(chart.getAttribute('data-end'));
        if (m.timestamp < start) { return; }
        points.push([m.timestamp, m.number]);
        points.sort(function (a, b) { return a[0] - b[0]; });
        chart.setAttribute('data-series', JSON.stringify(points));
        if (m.timestamp > end) { chart.setAttribute('data-end', String(m.timestamp)); }
        chart.textContent = '';
        window.bemcomAdmin.drawChart(chart);
        var count = document.getElementById('point-count');
        if (count) { count.textContent = String(points.length); }
      }
    });
  });
}());
