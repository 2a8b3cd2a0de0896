/* The site search index is fetched when the reader first opens the search, not with every page (it holds both
   languages' pages and is the heaviest thing a page would load). The theme requests it at start-up with
   XMLHttpRequest; this script, inlined in every page's head before the theme's, holds that one request back until
   the search field gets the focus or the search is opened, then lets it go. Everything else is left alone. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], wanted = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /(^|\/)search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !wanted) {
      var request = this, args = arguments;
      held.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) want();
  });
})();
