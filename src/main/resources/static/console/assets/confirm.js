// Asks before a form that cannot be undone is sent: the submit button pressed (or the form) carries
// data-confirm with the question in the page's language. A script file, not an onsubmit attribute:
// the Content-Security-Policy allows scripts from 'self' only.
document.addEventListener('submit', function (e) {
  var b = e.submitter;
  var question = (b && b.getAttribute('data-confirm')) || e.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});
