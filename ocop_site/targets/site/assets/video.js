/* Click-to-load video facades (targets/site/video.py): the page shows a poster served by this
   site and a link to the video; pressing it swaps in the host's player. Nothing is requested from
   the host before. Without this script the link opens the video on the host's own site. */
"use strict";
document.addEventListener("click", (event) => {
  const link = event.target.closest(".ocop-video__play");
  const facade = link && link.closest(".ocop-video__facade");
  if (!facade || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.src = facade.dataset.player;
  frame.title = facade.dataset.title;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.className = "ocop-video__player";
  facade.replaceChildren(frame);
  frame.focus();
});
