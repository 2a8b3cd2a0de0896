/* The site search index is fetched when the reader first opens the search, not with every page (it is the heaviest
   thing a page would load), and in the language being read: the build splits the theme's index into
   search/search_index.json (English pages) and vi/search/search_index.json (Vietnamese pages). The theme requests
   search/search_index.json at start-up with XMLHttpRequest; this script, inlined in every page's head before the
   theme's, points a Vietnamese page's request at vi/search/ and holds it back until the search field gets the focus
   or the search is opened, then lets it go. Everything else is left alone. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], wanted = false;

  var INDEX = /(^|\/)search\/search_index\.json$/;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    this.searchIndex = INDEX.test(String(url));
    if (this.searchIndex && document.documentElement.lang === "vi" && !/(^|\/)vi\/search\//.test(String(url))) {
      args[1] = String(url).replace(INDEX, "$1vi/search/search_index.json");
    }
    return open.apply(this, args);
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
