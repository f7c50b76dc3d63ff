/*
 * Import map of Lit and its dependencies for every console page (the shell and the module screens
 * under /console/m/<module>/): include it as a classic script BEFORE any module script, then import
 * 'lit' and the console helpers:
 *   <script src="/console/js/importmap.js"></script>
 *   <script type="module" src="/console/m/<module>/js/<module>.js"></script>
 * ConsoleFilter serves this file with the map of importmap.json (versions filled in by the build) in
 * place of the placeholder string below, and allows exactly that map by its hash in the
 * Content-Security-Policy: pages need no inline script and the policy forbids them.
 */
(function () {
  var map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = "__IMPORT_MAP__";
  var current = document.currentScript;
  if (current && current.parentNode) {
    current.parentNode.insertBefore(map, current.nextSibling);
  } else {
    document.head.appendChild(map);
  }
})();
