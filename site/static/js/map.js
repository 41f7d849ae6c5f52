/* Maps of places on the departments' outlines (no tile server needed). Markup: includes/map.html. */
(function () {
  "use strict";

  function popup(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.title;
    box.appendChild(link);
    if (marker.subtitle) {
      var text = document.createElement("p");
      text.textContent = marker.subtitle;
      box.appendChild(text);
    }
    return box;
  }

  function draw(element) {
    var data = document.getElementById(element.dataset.mapMarkers);
    var markers = data ? JSON.parse(data.textContent) : [];
    element.innerHTML = "";
    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25 });
    if (element.dataset.mapTiles) {
      L.tileLayer(element.dataset.mapTiles, { attribution: element.dataset.mapAttribution || "" }).addTo(map);
    }
    fetch(element.dataset.mapOutlines)
      .then(function (response) { return response.json(); })
      .then(function (outlines) {
        L.geoJSON(outlines, {
          interactive: false,
          style: { color: "#8c7d6d", weight: 1, fillColor: "#f3e6d4", fillOpacity: 0.6 },
        }).addTo(map).bringToBack();
      });
    var points = [];
    markers.forEach(function (marker) {
      if (marker.lat === null || marker.lng === null) { return; }
      var point = [marker.lat, marker.lng];
      points.push(point);
      L.circleMarker(point, { radius: 7, color: "#ffffff", weight: 2, fillColor: "#8a3b12", fillOpacity: 1 })
        .bindPopup(popup(marker))
        .addTo(map);
    });
    if (points.length > 1) {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 10 });
    } else if (points.length === 1) {
      map.setView(points[0], 9);
    } else {
      map.setView([46.6, 2.4], 5.5);
    }
    element.dataset.mapReady = String(points.length);
  }

  function start() {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
