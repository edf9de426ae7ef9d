// 数字报: zoom of a 版's page image (ban.html). Loaded by that page only.
// - 放大/缩小 in steps (1×, 1.5×, 2×, 3×) up to 3× or the size at which the largest page image (1,600 px)
//   fills the screen's pixels one to one: the page is never shown blurrier than its file;
// - a pinch on the page does the same, continuously, without zooming the whole site;
// - after every change the picture's sizes say how wide the page is shown (times a pinch of the
//   whole page, visualViewport.scale), so the browser loads the 1,600-px image when it is needed.
// The regions are placed in percentages of the page: they follow any zoom by themselves.
(function () {
  "use strict";
  var tools = document.querySelector(".sqb-ban__zoom");
  var scroller = document.querySelector(".sqb-ban__scroller");
  var page = document.querySelector(".sqb-ban__page");
  var img = page && page.querySelector("img");
  if (!tools || !scroller || !page || !img) return;
  var candidates = page.querySelectorAll("source, img");
  var shrink = tools.querySelector("[data-sqb-zoom='-1']");
  var grow = tools.querySelector("[data-sqb-zoom='1']");
  var shown = tools.querySelector("output");
  var fileWidth = parseInt(page.getAttribute("data-sqb-largest"), 10) || img.naturalWidth || 1600;
  var STEPS = [1, 1.5, 2, 3];
  var level = 1;

  function most() {  // 3×, or less: the zoom at which the largest file's pixels meet the screen's one to one
    var fit = scroller.clientWidth || 1;
    return Math.max(1, Math.min(3, fileWidth / (fit * (window.devicePixelRatio || 1))));
  }

  function steps() {
    var top = most();
    var found = STEPS.filter(function (s) { return s < top - 0.15; });
    found.push(Math.floor(top * 100) / 100);
    return found;
  }

  function updateSizes() {
    var scale = window.visualViewport ? Math.max(1, window.visualViewport.scale) : 1;
    var width = Math.ceil(page.getBoundingClientRect().width * scale);
    for (var i = 0; i < candidates.length; i++) candidates[i].setAttribute("sizes", width + "px");
  }

  function apply(next, keepSizes) {
    next = Math.min(Math.max(next, 1), most());
    var middle = (scroller.scrollLeft + scroller.clientWidth / 2) / scroller.scrollWidth;
    var height = (scroller.scrollTop + scroller.clientHeight / 2) / scroller.scrollHeight;
    level = next;
    page.style.width = (level * 100) + "%";
    scroller.scrollLeft = middle * scroller.scrollWidth - scroller.clientWidth / 2;
    scroller.scrollTop = height * scroller.scrollHeight - scroller.clientHeight / 2;
    shown.textContent = Math.round(level * 100) + "%";
    shrink.disabled = level <= 1.001;
    var all = steps();
    grow.disabled = level >= all[all.length - 1] - 0.001;
    scroller.classList.toggle("sqb-ban__scroller--zoomed", level > 1.001);
    if (!keepSizes) updateSizes();
  }

  function step(direction) {
    var all = steps();
    var next = direction > 0 ? all.filter(function (s) { return s > level + 0.01; })[0]
      : all.filter(function (s) { return s < level - 0.01; }).pop();
    apply(next === undefined ? (direction > 0 ? all[all.length - 1] : 1) : next);
  }

  shrink.addEventListener("click", function () { step(-1); });
  grow.addEventListener("click", function () { step(1); });
  tools.hidden = false;
  scroller.classList.add("sqb-ban__scroller--pinch");

  // -- a pinch on the page: two fingers apart or together zoom the page, not the site --------
  var pinch = null;
  function distance(touches) {
    return Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY) || 1;
  }
  scroller.addEventListener("touchstart", function (event) {
    if (event.touches.length === 2) pinch = { distance: distance(event.touches), level: level };
  }, { passive: true });
  scroller.addEventListener("touchmove", function (event) {
    if (!pinch || event.touches.length !== 2) return;
    event.preventDefault();
    apply(pinch.level * distance(event.touches) / pinch.distance, true);
  }, { passive: false });
  scroller.addEventListener("touchend", function (event) {
    if (pinch && event.touches.length < 2) {
      pinch = null;
      updateSizes();
    }
  });
  // a pinch of the whole page (outside the image) enlarges it too: ask for the pixels it needs
  if (window.visualViewport) window.visualViewport.addEventListener("resize", updateSizes);
  window.addEventListener("resize", function () { apply(level); });
  apply(1);
})();
