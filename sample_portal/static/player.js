/* 视频播放器 (示例站点)：new Player({id: "...", url: "...mp4", poster: "..."}) */
(function (global) {
  "use strict";
  function Player(options) {
    var holder = document.getElementById(options.id);
    if (!holder) { return; }
    var video = document.createElement("video");
    video.src = options.url;
    video.controls = true;
    if (options.poster) { video.poster = options.poster; }
    video.style.width = (options.width || 640) + "px";
    video.style.height = (options.height || 360) + "px";
    holder.appendChild(video);
    this.video = video;
  }
  Player.prototype.play = function () { if (this.video) { this.video.play(); } };
  global.Player = Player;
})(window);
