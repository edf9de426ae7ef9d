/* 朗读 (read aloud) on an article's page: the browser's own speech (speechSynthesis) with a
   Chinese voice reads the title, the byline and the text paragraph by paragraph, the paragraph
   being read highlighted and kept in view; 暂停/继续, 停止 and a 语速 choice. The controls stay
   hidden where the browser has no Chinese voice (or no speech at all). No external loads. */
(function () {
  "use strict";
  var box = document.querySelector("[data-sqb-readaloud]");
  var speech = window.speechSynthesis;
  if (!box || !speech || !window.SpeechSynthesisUtterance) return;
  var article = box.closest("article") || document;
  var play = box.querySelector("[data-action=play]");
  var pause = box.querySelector("[data-action=pause]");
  var stop = box.querySelector("[data-action=stop]");
  var rate = box.querySelector("[data-action=rate]");
  var voice = null, parts = [], index = -1, run = 0, paused = false;

  function chineseVoice() {
    var voices = speech.getVoices() || [], best = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = (voices[i].lang || "").replace("_", "-").toLowerCase();
      if (lang === "zh-cn" || lang === "cmn-hans-cn") return voices[i];
      if (!best && lang.indexOf("zh") === 0 || !best && lang.indexOf("cmn") === 0) best = voices[i];
    }
    return best;
  }

  function findVoice() {
    voice = chineseVoice();
    box.hidden = !voice;
  }

  function readable() {  // title block, byline, then the text's paragraphs, headings, list items, quotes
    var found = [], head = article.querySelector(".sqb-article__head h1"), meta = article.querySelector(".sqb-article__meta");
    if (head) found.push(head);
    if (meta) found.push(meta);
    var body = article.querySelectorAll(".sqb-article__body p, .sqb-article__body h2, .sqb-article__body h3, " +
                                        ".sqb-article__body li, .sqb-article__body blockquote, .sqb-figure figcaption");
    for (var i = 0; i < body.length; i++) {
      if (body[i].closest("[hidden], .sqb-search-meta, li p, blockquote p") && body[i].tagName !== "LI") continue;
      if ((body[i].innerText || "").trim()) found.push(body[i]);
    }
    return found;
  }

  function mark(element) {
    var old = article.querySelector(".sqb-reading");
    if (old) old.classList.remove("sqb-reading");
    if (!element) return;
    element.classList.add("sqb-reading");
    if (element.scrollIntoView) element.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function show(state) {  // "idle", "reading", "paused"
    box.setAttribute("data-state", state);
    play.hidden = state !== "idle";
    pause.hidden = stop.hidden = state === "idle";
    pause.textContent = state === "paused" ? "继续" : "暂停";
    pause.setAttribute("aria-pressed", String(state === "paused"));
  }

  function speak(at, token) {
    if (token !== run) return;
    if (at >= parts.length) { finish(); return; }
    index = at;
    mark(parts[at]);
    var utterance = new SpeechSynthesisUtterance(parts[at].innerText.replace(/\s+/g, " ").trim());
    utterance.lang = "zh-CN";
    try { if (voice) utterance.voice = voice; } catch (e) { /* the lang alone picks a Chinese voice */ }
    utterance.rate = parseFloat(rate.value) || 1;
    utterance.onend = function () { speak(at + 1, token); };
    utterance.onerror = function (event) { if (event && event.error !== "interrupted" && event.error !== "canceled") speak(at + 1, token); };
    speech.speak(utterance);
  }

  function finish() {
    run += 1;
    paused = false;
    mark(null);
    show("idle");
  }

  play.addEventListener("click", function () {
    speech.cancel();
    parts = readable();
    run += 1;
    paused = false;
    show("reading");
    speak(0, run);
  });
  pause.addEventListener("click", function () {
    if (paused) { speech.resume(); paused = false; show("reading"); }
    else { speech.pause(); paused = true; show("paused"); }
  });
  stop.addEventListener("click", function () {
    run += 1;  // the cancelled utterance's end starts nothing
    speech.cancel();
    finish();
    play.focus();
  });
  rate.addEventListener("change", function () {  // the new speed from the paragraph being read
    if (box.getAttribute("data-state") !== "reading" || index < 0) return;
    var at = index;
    run += 1;
    speech.cancel();
    speak(at, run);
  });
  window.addEventListener("pagehide", function () { speech.cancel(); });

  show("idle");
  findVoice();
  if (!voice && speech.addEventListener) speech.addEventListener("voiceschanged", findVoice);
})();
