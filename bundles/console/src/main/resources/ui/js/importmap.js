/*
 * Import map for module screens under /console/m/<module>/: include it as a classic script
 * BEFORE any module script, then import 'lit' and the console helpers:
 *   <script src="/console/js/importmap.js"></script>
 *   <script type="module">import { html, LitElement } from 'lit'; import { api } from '/console/js/api.js';</script>
 * The versions are those of the console bundle (filled in by the build).
 */
(function () {
  var imports = {
    'lit': '/console/lib/lit/${webjars.lit.version}/index.js',
    'lit/': '/console/lib/lit/${webjars.lit.version}/',
    'lit-html': '/console/lib/lit-html/${webjars.lit-html.version}/lit-html.js',
    'lit-html/': '/console/lib/lit-html/${webjars.lit-html.version}/',
    'lit-element/': '/console/lib/lit-element/${webjars.lit-element.version}/',
    '@lit/reactive-element': '/console/lib/lit__reactive-element/${webjars.lit-reactive-element.version}/reactive-element.js',
    '@lit/reactive-element/': '/console/lib/lit__reactive-element/${webjars.lit-reactive-element.version}/'
  };
  var map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ imports: imports });
  var current = document.currentScript;
  if (current && current.parentNode) {
    current.parentNode.insertBefore(map, current.nextSibling);
  } else {
    document.head.appendChild(map);
  }
})();
