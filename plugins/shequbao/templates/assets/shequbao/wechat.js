/* 复制到公众号: the button copies the fragment (#sqb-mp's content) as rich text, so the mp
   editor (公众号后台, 秀米, 135编辑器) keeps its styles and photos; where the browser cannot
   write HTML to the clipboard, it selects the fragment and copies that, and as a last resort
   copies the plain text. No external loads. */
(function () {
  "use strict";
  var button = document.querySelector("[data-sqb-copy]");
  if (!button) return;
  var box = document.getElementById(button.getAttribute("data-sqb-copy"));
  var status = document.querySelector(".sqb-wechat__status");
  button.hidden = false;

  function say(text) { if (status) status.textContent = text; }
  function done() { say("已复制：请到公众号编辑器的正文里粘贴。"); }
  function failed() { say("没能自动复制：请长按或拖动选中下面的全部内容，再复制。"); }

  function bySelection() {
    var range = document.createRange();
    range.selectNodeContents(box);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    selection.removeAllRanges();
    return ok;
  }

  function asPlainText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () {
        say("已复制文字（不带格式）：请到公众号编辑器里粘贴，再插入照片。");
      }, failed);
    }
    failed();
  }

  button.addEventListener("click", function () {
    var html = box.innerHTML.trim();
    var text = box.innerText.trim();
    if (navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      });
      navigator.clipboard.write([item]).then(done, function () {
        if (bySelection()) done(); else asPlainText(text);
      });
    } else if (bySelection()) {
      done();
    } else {
      asPlainText(text);
    }
  });
})();
