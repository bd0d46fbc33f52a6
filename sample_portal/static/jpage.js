/* 大汉 jpage 分页 (示例站点)：读取 <script type="text/xml"> 中的 datastore 记录并分页显示 */
(function (global) {
  "use strict";
  global.showJpage = function (holderId, perPage) {
    var holder = document.getElementById(holderId);
    if (!holder) { return; }
    var store = holder.querySelector("script[type='text/xml']");
    if (!store) { return; }
    var xml = new DOMParser().parseFromString(store.textContent, "text/xml");
    var records = xml.getElementsByTagName("record");
    var list = document.createElement("ul");
    list.className = "news-list";
    for (var i = 0; i < records.length && i < perPage; i++) { list.innerHTML += records[i].textContent; }
    holder.appendChild(list);
  };
})(window);
