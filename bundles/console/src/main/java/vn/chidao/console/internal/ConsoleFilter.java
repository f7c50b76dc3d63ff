package vn.chidao.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Front of the console's static files (and of the module screens under {@code /console/m/}):
 * <ul>
 * <li>{@code /console} answers 302 to {@code /console/};</li>
 * <li>{@code /console/} answers the shell's {@code index.html};</li>
 * <li>a folder under {@code /console/m/} (ending in {@code /}) is forwarded to its {@code index.html};</li>
 * <li>{@code /console/js/importmap.js} answers the import map script ({@link ImportMap});</li>
 * <li>versioned libraries under {@code /console/lib/} are cacheable for a year, the rest is revalidated;</li>
 * <li>every answer carries the {@link SecurityHeaders} (Content-Security-Policy and friends).</li>
 * </ul>
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("chidao-console")
@HttpWhiteboardFilterPattern(ConsoleResources.PATTERN)
public final class ConsoleFilter implements Filter {

    static final String ROOT = "/console";
    static final String INDEX = ConsoleResources.PREFIX + "/index.html";
    static final String IMPORT_MAP_SCRIPT = ROOT + "/js/importmap.js";
    static final String LONG_CACHE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    enum Route { REDIRECT_TO_ROOT, SHELL_INDEX, FOLDER_INDEX, IMPORT_MAP, STATIC }

    private final ImportMap importMap;
    private final SecurityHeaders securityHeaders;

    public ConsoleFilter() {
        this(ImportMap.fromBundle());
    }

    ConsoleFilter(ImportMap importMap) {
        this.importMap = importMap;
        this.securityHeaders = new SecurityHeaders(importMap.hashSource());
    }

    /** What to do with a path inside the servlet context (servlet path + path info). */
    static Route route(String path) {
        if (ROOT.equals(path)) {
            return Route.REDIRECT_TO_ROOT;
        }
        if ((ROOT + "/").equals(path)) {
            return Route.SHELL_INDEX;
        }
        if (path.startsWith(ROOT + "/m/") && path.endsWith("/")) {
            return Route.FOLDER_INDEX;
        }
        if (IMPORT_MAP_SCRIPT.equals(path)) {
            return Route.IMPORT_MAP;
        }
        return Route.STATIC;
    }

    /** Cache-Control for a static path: library folders carry their version in the path. */
    static String cacheControl(String path) {
        return path.startsWith(ROOT + "/lib/") ? LONG_CACHE : REVALIDATE;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        securityHeaders.apply(res, path);
        switch (route(path)) {
            case REDIRECT_TO_ROOT:
                String query = req.getQueryString();
                res.sendRedirect(req.getContextPath() + ROOT + "/" + (query == null ? "" : "?" + query));
                return;
            case SHELL_INDEX:
                serve(req, res, indexPage(), "text/html;charset=UTF-8");
                return;
            case IMPORT_MAP:
                serve(req, res, importMap.script(), "text/javascript;charset=UTF-8");
                return;
            case FOLDER_INDEX:
                res.setHeader("Cache-Control", REVALIDATE);
                req.getRequestDispatcher(path + "index.html").forward(req, res);
                return;
            default:
                res.setHeader("Cache-Control", cacheControl(path));
                chain.doFilter(req, res);
        }
    }

    private static byte[] indexPage() throws IOException {
        try (InputStream in = ConsoleFilter.class.getResourceAsStream(INDEX)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** A GET or HEAD answer with a body made here (null: 404), revalidated on every use. */
    private static void serve(HttpServletRequest req, HttpServletResponse res, byte[] body, String contentType)
            throws IOException {
        String method = req.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            res.setHeader("Allow", "GET, HEAD");
            res.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (body == null) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        res.setContentType(contentType);
        res.setHeader("Cache-Control", REVALIDATE);
        res.setContentLength(body.length);
        if ("GET".equals(method)) {
            try (OutputStream out = res.getOutputStream()) {
                out.write(body);
            }
        }
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
