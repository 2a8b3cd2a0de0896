/* Tooltips for the build-time SVG charts: each mark's aria-label (written by Vega) shown on hover or tap. */
(function () {
  "use strict";
  var tip = null;
  function show(mark, x, y) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "chart-tooltip";
      tip.setAttribute("role", "status");
      document.body.appendChild(tip);
    }
    tip.textContent = mark.getAttribute("aria-label").split("; ").join("\n");
    tip.style.left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = y + 12 + "px";
    tip.hidden = false;
  }
  function hide() { if (tip) tip.hidden = true; }
  function markOf(target) {
    return target.closest ? target.closest('.chart-svg path[role="graphics-symbol"][aria-label]') : null;
  }
  document.addEventListener("pointermove", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, event.clientX, event.clientY);
    else hide();
  });
  document.addEventListener("pointerdown", function (event) {
    var mark = markOf(event.target);
    if (mark) show(mark, event.clientX, event.clientY);
  });
  document.addEventListener("scroll", hide, { passive: true });
})();
