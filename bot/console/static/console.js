// Live updates without a framework: an element with data-src is re-fetched every data-refresh
// seconds (the conversation, so new owner messages appear); a table with data-refresh reloads
// the page (the queue). Nothing is refreshed while staff are typing a reply.
(function () {
  function typing() {
    var el = document.activeElement;
    return el && el.tagName === "TEXTAREA" && el.value.length > 0;
  }
  // A conversation reads like a phone's message thread: newest at the bottom, kept in view
  // unless staff scrolled up to read something older.
  function list(box) { return box.querySelector("ol") || box; }
  function atBottom(el) { return el.scrollHeight - el.scrollTop - el.clientHeight < 40; }
  function toBottom(el) { el.scrollTop = el.scrollHeight; }
  document.querySelectorAll("[data-src][data-refresh]").forEach(function (box) {
    var seconds = parseInt(box.dataset.refresh, 10) || 5;
    var last = box.innerHTML;
    toBottom(list(box));
    setInterval(function () {
      fetch(box.dataset.src, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || html === last) { return; }
          var follow = atBottom(list(box));
          box.innerHTML = last = html;
          if (follow) { toBottom(list(box)); }
        })
        .catch(function () { /* the next tick tries again */ });
    }, seconds * 1000);
  });
  // An admin's dealer picker shows the chosen dealer at once. Here and not in an onchange
  // attribute: the Content-Security-Policy allows only this file's scripts, no inline handlers.
  document.querySelectorAll("form.picker select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("table[data-refresh]").forEach(function (table) {
    var seconds = parseInt(table.dataset.refresh, 10) || 15;
    setInterval(function () { if (!typing()) { window.location.reload(); } }, seconds * 1000);
  });
})();
