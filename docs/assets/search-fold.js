/* The site search with or without diacritics: "nhat ban" finds "Nhật Bản", and "máy thở" finds the sections holding both words.
   The theme's search runs in a web worker. This script sees the index the theme sends to the worker, learns every
   word written with diacritics, and expands each word of a query typed without them into the words it may stand for
   (lunr joins the alternatives with OR, so pages with the right words rank first). */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2;
  var variants = {};

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function learn(docs) {
    docs.forEach(function (doc) {
      var text = (doc.title || "") + " " + (doc.text || "").replace(/<[^>]*>/g, " ");
      (text.match(/[\p{L}]+/gu) || []).forEach(function (word) {
        var lower = word.toLowerCase(), plain = fold(lower);
        if (plain === lower) return;
        var known = variants[plain] || (variants[plain] = []);
        if (known.indexOf(lower) < 0 && known.length < 12) known.push(lower);
      });
    });
  }

  // A word typed with its diacritics ("máy", "thở") says exactly what the reader wants: it is required ("+") and
  // matched as written ("*" keeps lunr's English stemmer from turning "máy" into "mái"), so "máy thở" finds the
  // sections holding both syllables, not every one holding either. A word typed without them stands for each word it
  // may be, joined with OR.
  function expand(query) {
    return query.replace(/[+-]?[\p{L}\p{N}]+\*?/gu, function (term) {
      if (/^[+-]/.test(term)) return term;
      if (/[^\x00-\x7f]/.test(term)) return "+" + term.replace(/\*?$/, "*");
      var bare = term.replace(/\*$/, "").toLowerCase();
      var more = /^[a-z]+$/.test(bare) && variants[bare];
      return more ? [term].concat(more).join(" ") : term;
    });
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SETUP && message.data && message.data.docs) {
      learn(message.data.docs);  // the index of the language being read (see search-on-demand.js)
    }
    else if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: expand(message.data) };
    }
    return post.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
})();
