// Monthly credit progress: polls /console/api/credits/latest every second while a run is going.
(function () {
  'use strict';
  var box = document.getElementById('job');
  var t = document.getElementById('i18n').dataset;
  function $(id) { return document.getElementById(id); }
  function show(j) {
    if (!j || j.state === 'NONE') { return false; }
    $('job-none').hidden = true;
    $('job-body').hidden = false;
    $('job-month').textContent = j.month;
    $('job-by').textContent = j.startedBy;
    $('job-state').textContent = {RUNNING: t.running, DONE: t.done, FAILED: t.failed}[j.state] + (j.error ? ': ' + j.error : '');
    $('job-state').dataset.state = j.state;
    var total = Math.max(j.persons, 1);
    var done = j.state === 'DONE' ? total : Math.min(j.creditedSoFar, total);
    $('job-progress').max = total;
    $('job-progress').value = done;
    $('job-count').textContent = j.creditedSoFar + ' ' + t.of + ' ' + j.persons;
    if (j.lines && j.lines.length) { $('job-lines').hidden = false; $('job-lines').textContent = j.lines.join('\n'); }
    if (j.summary) {
      var s = j.summary;
      $('job-summary').hidden = false;
      $('sum-persons').textContent = s.persons;
      $('sum-credited').textContent = s.credited;
      $('sum-amount').textContent = s.amount_credited;
      $('sum-skipped').textContent = s.skipped + ' ' + JSON.stringify(s.skipped_by_reason);
      $('sum-failed').textContent = s.failed;
      $('sum-elapsed').textContent = s.elapsed_ms + ' ms';
    }
    return j.state === 'RUNNING';
  }
  function poll() {
    fetch(box.dataset.api, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.json(); })
      .then(function (j) { if (show(j)) { setTimeout(poll, 1000); } })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
