/* Timeline filters: show only one partner's events and chosen kinds of event. Without JavaScript the page lists
   every event; the controls stay hidden. The partner can be preset in the address: timeline/#partner=JPN. */
(function () {
  "use strict";

  function start() {
    var box = document.querySelector(".timeline");
    if (!box) return;
    var form = box.querySelector(".timeline-controls");
    var select = form.querySelector("select[name=partner]");
    var boxes = form.querySelectorAll("input[name=kind]");
    var count = form.querySelector(".timeline-count");
    var locale = document.documentElement.lang || "en";

    function apply() {
      var partner = select.value, kinds = {}, shown = 0;
      Array.prototype.forEach.call(boxes, function (b) { kinds[b.value] = b.checked; });
      Array.prototype.forEach.call(box.querySelectorAll(".timeline-month"), function (month) {
        var visible = 0;
        Array.prototype.forEach.call(month.querySelectorAll("li.event"), function (li) {
          var show = kinds[li.dataset.kind] && (!partner || li.dataset.partner === partner);
          li.hidden = !show;
          if (show) visible += 1;
        });
        month.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = form.dataset.shown.replace("{n}", shown.toLocaleString(locale));
    }

    // The address is the reader's (or a link's) input: compare it with the options, never build a selector from it.
    var match = /partner=([^&]+)/.exec(location.hash);
    var wanted = null;
    try { wanted = match ? decodeURIComponent(match[1]) : null; } catch (e) { wanted = null; }
    if (wanted !== null && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
