// shequbao: what every page needs from a script (Material's own bundle is not sent; see main.html).
// - the 字号 control in the header: 标准 / 大 / 特大 and 高对比度, kept in localStorage (the script
//   in <head> applies them before the first paint);
// - the menu button: a keyboard opens it too, and it says whether it is open;
// - back to top, once the reader has scrolled down;
// - the photo lightbox: GLightbox, loaded on the first tap on a photo, with Chinese labels,
//   a counter (3/9), and the phone's back gesture closing it (not leaving the page).
(function () {
  "use strict";
  var root = document.documentElement;
  var script = document.currentScript;

  function store(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (error) { /* private mode: the choice lasts for this page only */ }
  }

  // -- 字号 and 高对比度 ----------------------------------------------------
  var sizeButtons = document.querySelectorAll(".sqb-textsize [data-sqb-size]");
  var contrastButton = document.querySelector(".sqb-textsize [data-sqb-contrast]");

  function showSettings() {
    var size = root.getAttribute("data-sqb-size") || "";
    for (var i = 0; i < sizeButtons.length; i++) {
      sizeButtons[i].setAttribute("aria-pressed", String(sizeButtons[i].getAttribute("data-sqb-size") === size));
    }
    if (contrastButton) contrastButton.setAttribute("aria-pressed", String(root.hasAttribute("data-sqb-contrast")));
  }

  for (var i = 0; i < sizeButtons.length; i++) {
    sizeButtons[i].addEventListener("click", function () {
      var size = this.getAttribute("data-sqb-size");
      if (size) root.setAttribute("data-sqb-size", size);
      else root.removeAttribute("data-sqb-size");
      store("sqb-size", size);
      showSettings();
    });
  }
  if (contrastButton) {
    contrastButton.addEventListener("click", function () {
      var on = !root.hasAttribute("data-sqb-contrast");
      if (on) root.setAttribute("data-sqb-contrast", "");
      else root.removeAttribute("data-sqb-contrast");
      store("sqb-contrast", on ? "1" : "");
      showSettings();
    });
  }
  showSettings();

  // -- the menu button (a <label> for Material's drawer checkbox) -----------
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".sqb-menu");
  if (drawer && menu) {
    var showMenu = function () {
      menu.setAttribute("aria-expanded", String(drawer.checked));
      menu.setAttribute("aria-label", drawer.checked ? "关闭菜单" : "打开菜单");
    };
    drawer.addEventListener("change", showMenu);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        drawer.checked = !drawer.checked;
        showMenu();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        showMenu();
        menu.focus();
      }
    });
    showMenu();
  }

  // -- back to top ----------------------------------------------------------
  var top = document.querySelector(".md-top");
  if (top) {
    var ticking = false;
    var placeTop = function () {
      ticking = false;
      top.hidden = window.scrollY < window.innerHeight * 1.5;
    };
    window.addEventListener("scroll", function () {
      if (!ticking) {
        ticking = true;
        window.requestAnimationFrame(placeTop);
      }
    }, { passive: true });
    top.addEventListener("click", function () {
      window.scrollTo({ top: 0 });
      var main = document.getElementById("sqb-main");
      if (main) main.focus({ preventScroll: true });
    });
  }

  // -- the photo lightbox ---------------------------------------------------
  var ICONS = {
    close: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>',
    prev: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z"/></svg>',
    next: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M10 6 8.59 7.41 13.17 12l-4.58 4.59L10 18l6-6z"/></svg>'
  };
  var LIGHTBOX_HTML =
    '<div id="glightbox-body" class="glightbox-container" tabindex="-1" role="dialog" aria-label="查看图片" aria-hidden="false">' +
    '<div class="gloader visible"></div><div class="goverlay"></div><div class="gcontainer">' +
    '<div id="glightbox-slider" class="gslider"></div>' +
    '<p class="sqb-lightbox__counter" aria-live="polite"></p>' +
    '<button class="gclose gbtn" aria-label="关闭图片" data-taborder="3">{closeSVG}</button>' +
    '<button class="gprev gbtn" aria-label="上一张" data-taborder="2">{prevSVG}</button>' +
    '<button class="gnext gbtn" aria-label="下一张" data-taborder="1">{nextSVG}</button>' +
    '</div></div>';
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = script.getAttribute("data-lightbox-style");
      document.head.appendChild(style);
      var code = document.createElement("script");
      code.src = script.getAttribute("data-lightbox-script");
      code.onload = function () { resolve(window.GLightbox); };
      code.onerror = function () { loading = null; reject(new Error("GLightbox")); };
      document.head.appendChild(code);
    });
    return loading;
  }

  function group(link) {
    var name = link.getAttribute("data-gallery");
    var links = document.querySelectorAll("a.glightbox");
    var members = [];
    for (var i = 0; i < links.length; i++) {
      if ((links[i].getAttribute("data-gallery") || "") === (name || "")) members.push(links[i]);
    }
    return members;
  }

  function slide(link) {
    return {
      href: link.getAttribute("href"), type: "image",
      title: link.getAttribute("data-title") || "", description: link.getAttribute("data-description") || ""
    };
  }

  function open(link) {
    return load().then(function (GLightbox) {
      var members = group(link);
      var counter = null;
      var viaHistory = false; // closed by the back gesture: the history entry is gone already
      var box = GLightbox({
        elements: members.map(slide), startAt: members.indexOf(link), loop: false,
        touchNavigation: true, zoomable: true, draggable: true, openEffect: "fade", closeEffect: "fade",
        moreText: "展开全文", lightboxHTML: LIGHTBOX_HTML,
        svg: { close: ICONS.close, prev: ICONS.prev, next: ICONS.next }
      });
      var count = function () {
        if (!counter) counter = document.querySelector(".sqb-lightbox__counter");
        if (counter) counter.textContent = members.length > 1 ? (box.index + 1) + "/" + members.length : "";
      };
      var back = function () {
        if (box.lightboxOpen) {
          viaHistory = true;
          box.close();
        }
      };
      box.on("open", count);
      box.on("slide_changed", count);
      box.on("close", function () {
        window.removeEventListener("popstate", back);
        if (!viaHistory && history.state && history.state.sqbLightbox) history.back();
        setTimeout(function () { box.destroy(); link.focus({ preventScroll: true }); }, 0);
      });
      history.pushState({ sqbLightbox: true }, "", location.href);
      window.addEventListener("popstate", back);
      box.open();
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.glightbox");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    event.preventDefault();
    open(link).catch(function () { location.href = link.href; }); // no script: the photo itself
  });
})();
