/* 两江新区门户网站 公共脚本 (示例站点) */
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  ready(function () {
    // 图片懒加载：data-src -> src
    each(document.querySelectorAll("img[data-src]"), function (img) { img.src = img.getAttribute("data-src"); });
    // 首页轮播
    var slides = document.querySelectorAll(".banner li"), index = 0;
    if (slides.length > 1) {
      setInterval(function () {
        slides[index].className = "";
        index = (index + 1) % slides.length;
        slides[index].className = "on";
      }, 5000);
    }
    // 字号 大 中 小
    each(document.querySelectorAll("[data-fontsize]"), function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var box = document.querySelector(".content, .trs_editor_view");
        if (box) { box.style.fontSize = a.getAttribute("data-fontsize") + "px"; }
      });
    });
  });
  window.createPageHTML = function (pageCount, current, prefix, suffix) {
    var box = document.getElementById("pageBar") || document.querySelector(".pagination");
    if (!box || pageCount <= 1) { return; }
    var name = function (n) { return n === 0 ? prefix + "." + suffix : prefix + "_" + n + "." + suffix; };
    var html = "";
    if (current > 0) { html += '<a href="' + name(0) + '">首页</a><a href="' + name(current - 1) + '">上一页</a>'; }
    for (var i = 0; i < pageCount; i++) {
      html += i === current ? "<span class=\"current\">" + (i + 1) + "</span>" : '<a href="' + name(i) + '">' + (i + 1) + "</a>";
    }
    if (current < pageCount - 1) { html += '<a href="' + name(current + 1) + '">下一页</a><a href="' + name(pageCount - 1) + '">尾页</a>'; }
    box.innerHTML = html;
  };
})();
