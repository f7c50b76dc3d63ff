package vn.chidao.platform.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer of every Chidao application: a browser then
 * takes an inline download (an uploaded file) for the type the server names, never for HTML or script
 * it guessed from the bytes.
 */
public class NoSniffFilter implements ContainerResponseFilter {

    public static final String HEADER = "X-Content-Type-Options";

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        res.getHeaders().putSingle(HEADER, "nosniff");
    }
}
