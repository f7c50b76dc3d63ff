package vn.chidao.platform.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import vn.chidao.platform.api.rest.Problem;

/**
 * The OpenAPI 3 document, built on each request from the resources that are published right now, so
 * it follows hot deployment and can never drift from the code.
 */
@Component(service = OpenApi.class)
public class OpenApi {

    private final RestPublisher publisher;

    @Activate
    public OpenApi(@Reference RestPublisher publisher) {
        this.publisher = publisher;
    }

    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Chidao — Hệ thống thông tin chỉ đạo điều hành", "version", "v1",
                "description", "REST API of the modules active on this node. Errors are application/problem+json (RFC 9457)."));
        doc.put("servers", List.of(Map.of("url", "/api")));
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        publisher.published().forEach((module, resources) -> {
            for (Object r : resources) {
                describe(module, r.getClass(), paths);
            }
        });
        doc.put("paths", paths);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "object");
        problem.put("properties", Map.of("type", Map.of("type", "string"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string")));
        doc.put("components", Map.of(
                "schemas", Map.of("Problem", problem),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"),
                        "cookie", Map.of("type", "apiKey", "in", "cookie", "name", AuthFilter.COOKIE))));
        doc.put("security", List.of(Map.of("bearer", List.of()), Map.of("cookie", List.of())));
        return doc;
    }

    /** (HTTP method, full path) of every resource method of a resource class, as JAX-RS matches them. */
    public static List<String[]> operations(String module, Class<?> type) {
        List<String[]> out = new ArrayList<>();
        String base = "/api" + RestPublisher.address(module) + clean(classPath(type));
        for (Method m : type.getMethods()) {
            Method a = annotated(m);
            String verb = verb(a);
            if (verb != null) {
                out.add(new String[] {verb, normalise(base + clean(a.getAnnotation(Path.class))), m.getName()});
            }
        }
        return out;
    }

    /** JAX-RS annotations may sit on the class or on an interface it implements (as CXF allows). */
    static Path classPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Path.class)) {
                return c.getAnnotation(Path.class);
            }
            for (Class<?> i : c.getInterfaces()) {
                if (i.isAnnotationPresent(Path.class)) {
                    return i.getAnnotation(Path.class);
                }
            }
        }
        return null;
    }

    /** The declaration of {@code m} that carries its HTTP method annotation: itself, a superclass's or an interface's. */
    static Method annotated(Method m) {
        if (verb(m) != null) {
            return m;
        }
        for (Class<?> c = m.getDeclaringClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    Method candidate = i.getMethod(m.getName(), m.getParameterTypes());
                    if (verb(candidate) != null) {
                        return candidate;
                    }
                } catch (NoSuchMethodException notThere) {
                    // next interface
                }
            }
            try {
                Method candidate = c.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (verb(candidate) != null) {
                    return candidate;
                }
            } catch (NoSuchMethodException notThere) {
                // next class
            }
        }
        return m;
    }

    private static void describe(String module, Class<?> type, Map<String, Map<String, Object>> paths) {
        for (String[] op : operations(module, type)) {
            Method m = find(type, op[2], op[0]);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("tags", List.of(module));
            o.put("operationId", module + "." + type.getSimpleName() + "." + m.getName());
            List<Map<String, Object>> params = new ArrayList<>();
            Map<String, Object> body = null;
            for (Parameter p : m.getParameters()) {
                PathParam pp = p.getAnnotation(PathParam.class);
                QueryParam qp = p.getAnnotation(QueryParam.class);
                HeaderParam hp = p.getAnnotation(HeaderParam.class);
                if (pp != null) {
                    params.add(Map.of("name", pp.value(), "in", "path", "required", true, "schema", schema(p.getType())));
                } else if (qp != null) {
                    params.add(Map.of("name", qp.value(), "in", "query", "schema", schema(p.getType())));
                } else if (hp != null) {
                    params.add(Map.of("name", hp.value(), "in", "header", "schema", schema(p.getType())));
                } else if (p.getAnnotation(Context.class) == null && !hasJaxrsAnnotation(p)) {
                    body = Map.of("required", true, "content", Map.of(consumes(m), Map.of("schema",
                            Map.of("type", "object", "title", p.getType().getSimpleName()))));
                }
            }
            if (!params.isEmpty()) {
                o.put("parameters", params);
            }
            if (body != null) {
                o.put("requestBody", body);
            }
            Map<String, Object> responses = new LinkedHashMap<>();
            responses.put("200", Map.of("description", "OK", "content", Map.of(produces(m), Map.of("schema",
                    Map.of("title", m.getReturnType().getSimpleName())))));
            responses.put("default", Map.of("description", "Problem", "content", Map.of(Problem.MEDIA_TYPE,
                    Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
            o.put("responses", responses);
            if (m.isAnnotationPresent(PermitAll.class) || (type.isAnnotationPresent(PermitAll.class)
                    && !m.isAnnotationPresent(RolesAllowed.class))) {
                o.put("security", List.of());
            } else {
                RolesAllowed roles = m.isAnnotationPresent(RolesAllowed.class) ? m.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                if (roles != null) {
                    o.put("x-roles", List.of(roles.value()));
                }
            }
            paths.computeIfAbsent(op[1], k -> new TreeMap<>()).put(op[0].toLowerCase(java.util.Locale.ROOT), o);
        }
    }

    private static boolean hasJaxrsAnnotation(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getName().startsWith("javax.ws.rs.")) {
                return true;
            }
        }
        return false;
    }

    private static Method find(Class<?> type, String name, String verb) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && verb.equals(verb(annotated(m)))) {
                return annotated(m);
            }
        }
        throw new IllegalStateException(name);
    }

    static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String consumes(Method m) {
        Consumes c = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                : m.getDeclaringClass().getAnnotation(Consumes.class);
        return c == null || c.value().length == 0 ? "application/json" : c.value()[0];
    }

    private static String produces(Method m) {
        Produces p = m.isAnnotationPresent(Produces.class) ? m.getAnnotation(Produces.class)
                : m.getDeclaringClass().getAnnotation(Produces.class);
        return p == null || p.value().length == 0 ? "application/json" : p.value()[0];
    }

    private static Map<String, Object> schema(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return Map.of("type", "integer");
        }
        if (t == boolean.class || t == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (t == java.util.UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        return Map.of("type", "string");
    }

    private static String clean(Path p) {
        if (p == null) {
            return "";
        }
        String v = p.value().replaceAll("\\{([^:}]+):[^}]*}", "{$1}").trim();
        return v.isEmpty() || "/".equals(v) ? "" : (v.startsWith("/") ? v : "/" + v);
    }

    static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
