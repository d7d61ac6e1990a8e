// The MQTT monitor page: applies the live updates (Server-Sent Events) to the table, one row per
// topic, sorted by topic. The server filters by the page's topic filter.
(function () {
  var table = document.getElementById('monitor-list');
  if (!table || !window.EventSource) { return; }
  var body = table.tBodies[0];
  function time(ms) {
    return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
  }
  function rowFor(topic) {
    var rows = body.rows;
    for (var i = 0; i < rows.length; i++) {
      var t = rows[i].getAttribute('data-topic');
      if (t === topic) { return rows[i]; }
      if (t > topic) { return insert(topic, rows[i]); }
    }
    return insert(topic, null);
  }
  function insert(topic, before) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-topic', topic);
    ['topic', 'payload', 'received', 'count'].forEach(function (c) {
      var td = document.createElement('td'); td.className = c; tr.appendChild(td);
    });
    tr.cells[0].textContent = topic;
    // The first topic replaces the "empty table" row that admin.js shows.
    Array.prototype.slice.call(body.querySelectorAll('tr.empty')).forEach(function (e) { body.removeChild(e); });
    body.insertBefore(tr, before);
    return tr;
  }
  var source = new EventSource(table.getAttribute('data-events'));
  var state = document.getElementById('monitor-state');
  source.addEventListener('update', function (event) {
    JSON.parse(event.data).forEach(function (m) {
      var tr = rowFor(m.topic);
      var payload = tr.cells[1];
      payload.textContent = '';
      var code = document.createElement('code'); code.textContent = m.payload; payload.appendChild(code);
      if (m.truncated) { payload.appendChild(document.createTextNode(' … (' + m.bytes + ' bytes)')); }
      if (m.retained) { payload.appendChild(document.createTextNode(' (retained)')); }
      tr.cells[2].textContent = time(m.received_at);
      tr.cells[3].textContent = m.count;
      tr.classList.add('updated');
    });
    if (state) { state.textContent = 'Live.'; }
  });
  source.onerror = function () { if (state) { state.textContent = 'Reconnecting…'; } };
})();
