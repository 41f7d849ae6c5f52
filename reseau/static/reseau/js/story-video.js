/* Story pages: the video loads only when the visitor presses play (markup: reseau/story_page.html).
   Without JavaScript the play button is a plain link to the video file or the embed page. */
(function () {
  "use strict";

  function player(figure) {
    var data = figure.dataset;
    if (data.videoEmbed) {
      var frame = document.createElement("iframe");
      frame.src = data.videoEmbed + (data.videoEmbed.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
      frame.title = "Vidéo : " + data.videoTitle;
      frame.allow = "autoplay; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.className = "story-video__frame";
      return frame;
    }
    var video = document.createElement("video");
    video.controls = true;
    video.autoplay = true;
    video.playsInline = true;
    video.preload = "auto";
    video.className = "story-video__player";
    video.setAttribute("aria-label", "Vidéo : " + data.videoTitle);
    var poster = figure.querySelector(".story-video__poster");
    if (poster) { video.poster = poster.currentSrc || poster.src; }
    var source = document.createElement("source");
    source.src = data.videoSrc;
    source.type = data.videoType;
    video.appendChild(source);
    if (data.videoCaptions) {
      var track = document.createElement("track");
      track.kind = "captions";
      track.src = data.videoCaptions;
      track.srclang = "fr";
      track.label = "Français";
      track.default = true;
      video.appendChild(track);
    }
    return video;
  }

  function setUp(figure) {
    var button = figure.querySelector(".story-video__play");
    if (!button) { return; }
    button.setAttribute("role", "button");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var screen = figure.querySelector(".story-video__screen");
      var element = player(figure);
      screen.replaceChildren(element);
      figure.dataset.videoLoaded = "true";
      element.focus();
    });
    button.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); button.click(); }
    });
  }

  document.querySelectorAll("[data-story-video]").forEach(setUp);
})();
