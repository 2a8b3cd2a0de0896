/* Explorable data tables: search, sort, filters, date range and paging over the rows of a table page.
   Without JavaScript the page shows a plain HTML table. Rows beyond those in the HTML are fetched from the
   table's JSON download the first time a reader searches, filters, sorts or asks for a row by its anchor. */
(function () {
  "use strict";
  var PAGE = 50;
  var LOCALE = document.documentElement.lang || "en";
  var WORDS = {}; // the page language's strings (catalogue section "explorer"), read from the table's data-words

  function say(key, values) {
    return WORDS[key].replace(/\{(\w)\}/g, function (_, k) { return values[k]; });
  }

  function count(n) {
    return n.toLocaleString(LOCALE);
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Explorer(box) {
    this.box = box;
    this.table = box.querySelector("table");
    this.body = this.table.tBodies[0];
    WORDS = JSON.parse(box.dataset.words);
    this.fields = JSON.parse(box.dataset.fields);
    this.types = JSON.parse(box.dataset.types);
    this.filters = JSON.parse(box.dataset.filters);
    this.dateField = box.dataset.dateField || "";
    this.prefix = box.dataset.anchorPrefix;
    this.key = JSON.parse(box.dataset.key);
    this.total = parseInt(box.dataset.total, 10);
    this.names = JSON.parse(box.dataset.names || "{}");
    this.labels = JSON.parse(box.dataset.labels || "{}");
    this.citedBy = box.dataset.citedBy ? JSON.parse(box.dataset.citedBy) : null;
    this.long = Array.prototype.map.call(this.body.rows[0] ? this.body.rows[0].cells : [], function (td) { return td.className === "long"; });
    this.values = JSON.parse(box.dataset.values || "{}");
    this.plain = JSON.parse(box.dataset.plain || "[]");
    var width = this.fields.length;
    this.rows = Array.prototype.map.call(this.body.rows, function (tr) {
      var tds = Array.prototype.slice.call(tr.cells, 0, width);
      return {
        tr: tr,
        cells: tds.map(function (td) { return td.hasAttribute("data-v") ? td.getAttribute("data-v") : td.textContent; }),
        shown: tds.map(function (td) { return td.textContent; })
      };
    });
    this.complete = this.rows.length >= this.total;
    this.sortIndex = -1;
    this.sortDir = 1;
    this.page = 0;
    this.build();
    this.apply();
    this.showHash();
  }

  Explorer.prototype.build = function () {
    var self = this;
    var form = el("form", { class: "table-controls", role: "search" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    this.search = el("input", { type: "search", placeholder: WORDS.search, "aria-label": WORDS.search });
    this.search.addEventListener("input", function () { self.change(); });
    form.appendChild(this.search);
    this.selects = {};
    Object.keys(this.filters).forEach(function (field) {
      var label = el("label", {}, (self.labels[field] || field) + " ");
      var select = el("select", { "data-field": field });
      select.appendChild(el("option", { value: "" }, WORDS.all));
      self.filters[field].forEach(function (pair) { select.appendChild(el("option", { value: pair[0] }, pair[1])); });
      select.addEventListener("change", function () { self.change(); });
      label.appendChild(select);
      form.appendChild(label);
      self.selects[field] = select;
    });
    if (this.dateField) {
      this.from = el("input", { type: "date", "aria-label": this.dateField + " " + WORDS.from });
      this.to = el("input", { type: "date", "aria-label": this.dateField + " " + WORDS.to });
      [this.from, this.to].forEach(function (input) { input.addEventListener("change", function () { self.change(); }); });
      var range = el("label", {}, (this.labels[this.dateField] || this.dateField) + " ");
      range.appendChild(this.from);
      range.appendChild(document.createTextNode(" – "));
      range.appendChild(this.to);
      form.appendChild(range);
    }
    this.status = el("p", { class: "table-status", "aria-live": "polite" });
    this.pager = el("nav", { class: "table-pager", "aria-label": WORDS.pages });
    var slot = this.box.querySelector(".table-controls-slot") || this.box;
    slot.insertBefore(this.status, slot.firstChild);
    slot.insertBefore(form, this.status);
    this.box.appendChild(this.pager);
    Array.prototype.forEach.call(this.table.tHead.rows[0].cells, function (th, index) {
      if (index >= self.fields.length) return; // a column the page adds (rows citing this one) is not sortable
      var button = el("button", { type: "button", class: "sort" }, th.textContent);
      button.addEventListener("click", function () { self.sortBy(index); });
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
    });
  };

  Explorer.prototype.load = function () {
    var self = this;
    if (this.complete) return Promise.resolve();
    if (!this.loading) {
      this.status.textContent = say("loading", { n: count(this.total) });
      this.loading = fetch(this.box.dataset.json).then(function (r) { return r.json(); }).then(function (records) {
        var known = {};
        self.rows.forEach(function (row) { known[row.tr.id] = true; });
        records.forEach(function (record) {
          var cells = self.fields.map(function (f) { return record[f] === null ? "" : String(record[f]); });
          var id = self.prefix + "-" + self.key.map(function (k) { return record[k]; }).join("-");
          if (!known[id]) self.rows.push({ tr: null, id: id, cells: cells });
        });
        self.complete = true;
      });
    }
    return this.loading;
  };

  // A cell as the page's reader reads it (html_table.shown does the same on the server): a coded value by its
  // label, a number with the language's separators, a date in the language's order (catalogue "explorer.date").
  Explorer.prototype.display = function (index, text) {
    var field = this.fields[index], type = this.types[index];
    if (text === "") return text;
    if (this.values[field] && this.values[field][text]) return this.values[field][text];
    if ((type === "integer" || type === "number") && this.plain.indexOf(field) < 0 && !isNaN(Number(text))) {
      var n = Number(text) + 0;
      return Math.abs(n) > 0 && Math.abs(n) < 1
        ? n.toLocaleString(LOCALE, { maximumSignificantDigits: 6 })
        : n.toLocaleString(LOCALE, { maximumFractionDigits: 3 });
    }
    if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return say("date", { y: text.slice(0, 4), m: text.slice(5, 7), d: text.slice(8) });
    return text;
  };

  Explorer.prototype.rowElement = function (row) {
    if (row.tr) return row.tr;
    var self = this;
    var tr = el("tr", { id: row.id });
    row.cells.forEach(function (text, index) {
      var td = el("td", self.long[index] ? { class: "long" } : {});
      if (self.fields[index] === "url" && /^https?:\/\//.test(text)) {
        td.appendChild(el("a", { href: text, rel: "nofollow noopener" }, text));
      } else if (self.fields[index] === "source_id" && text) {
        td.appendChild(el("a", { href: "../sources/#source-" + text }, text));
      } else {
        var shown = self.display(index, text);
        if (shown !== text) td.setAttribute("data-v", text);
        td.textContent = shown;
      }
      tr.appendChild(td);
    });
    if (this.citedBy) {
      var cited = el("td", { class: "cited-by" });
      (this.citedBy[row.id.slice(this.prefix.length + 1)] || []).forEach(function (link, i) {
        if (i) cited.appendChild(document.createTextNode(", "));
        cited.appendChild(el("a", { href: link[0] }, link[1]));
      });
      tr.appendChild(cited);
    }
    row.tr = tr;
    return tr;
  };

  Explorer.prototype.change = function () {
    var self = this;
    this.page = 0;
    this.load().then(function () { self.apply(); });
  };

  Explorer.prototype.sortBy = function (index) {
    this.sortDir = this.sortIndex === index ? -this.sortDir : 1;
    this.sortIndex = index;
    var heads = this.table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].setAttribute("aria-sort", "none");
    heads[index].setAttribute("aria-sort", this.sortDir > 0 ? "ascending" : "descending");
    this.change();
  };

  Explorer.prototype.matching = function () {
    var self = this;
    // A query is matched as a phrase from the start of a word, so "nhat ban" finds Nhật Bản, not "nhất … bàn".
    var phrase = " " + fold(this.search.value).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    var words = phrase.trim() ? [phrase] : [];
    var wanted = {};
    Object.keys(this.selects).forEach(function (f) { if (self.selects[f].value) wanted[self.fields.indexOf(f)] = self.selects[f].value; });
    var dateIndex = this.fields.indexOf(this.dateField);
    var from = this.from ? this.from.value : "", to = this.to ? this.to.value : "";
    var rows = this.rows.filter(function (row) {
      for (var i in wanted) if (row.cells[i] !== wanted[i]) return false;
      if (from && row.cells[dateIndex] < from) return false;
      if (to && (!row.cells[dateIndex] || row.cells[dateIndex] > to)) return false;
      if (!words.length) return true;
      row.folded = row.folded || " " + fold(row.cells.map(function (c, i) {
        return c + " " + (self.names[c] || "") + " " + (row.shown ? row.shown[i] : self.display(i, c));
      }).join(" ")).replace(/[^\p{L}\p{N}]+/gu, " ");
      return row.folded.indexOf(phrase) !== -1;
    });
    if (this.sortIndex >= 0) {
      var i = this.sortIndex, numeric = this.types[i] === "integer" || this.types[i] === "number", dir = this.sortDir;
      rows.sort(function (a, b) {
        var x = a.cells[i], y = b.cells[i];
        if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
        return dir * (numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "vi"));
      });
    }
    return rows;
  };

  Explorer.prototype.apply = function () {
    var self = this;
    var rows = this.matching();
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    this.page = Math.min(this.page, pages - 1);
    var start = this.page * PAGE, shown = rows.slice(start, start + PAGE);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (row) { fragment.appendChild(self.rowElement(row)); });
    this.body.textContent = "";
    this.body.appendChild(fragment);
    var of = this.complete ? rows.length : this.total;
    this.status.textContent = rows.length
      ? say("rows", { a: count(start + 1), b: count(start + shown.length), n: count(of) })
      : WORDS.none;
    this.pager.textContent = "";
    if (pages > 1) {
      var prev = el("button", { type: "button" }, WORDS.prev);
      var next = el("button", { type: "button" }, WORDS.next);
      prev.disabled = this.page === 0;
      next.disabled = this.page >= pages - 1;
      prev.addEventListener("click", function () { self.page -= 1; self.apply(); });
      next.addEventListener("click", function () { self.page += 1; self.load().then(function () { self.apply(); }); });
      this.pager.appendChild(prev);
      this.pager.appendChild(el("span", {}, " " + say("page", { p: this.page + 1, n: pages }) + " "));
      this.pager.appendChild(next);
    }
    this.matchingRows = rows;
  };

  Explorer.prototype.showHash = function () {
    var self = this;
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id.indexOf(this.prefix + "-") !== 0) return;
    this.load().then(function () {
      self.apply();
      var index = self.matchingRows.findIndex(function (row) { return (row.tr ? row.tr.id : row.id) === id; });
      if (index < 0) return;
      self.page = Math.floor(index / PAGE);
      self.apply();
      var target = document.getElementById(id);
      if (target) target.scrollIntoView();
    });
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".explorable"), function (box) { box.explorer = new Explorer(box); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("hashchange", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".explorable"), function (box) { box.explorer.showHash(); });
  });
})();
