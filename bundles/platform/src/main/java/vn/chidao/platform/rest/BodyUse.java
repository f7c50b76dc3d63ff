package vn.chidao.platform.rest;

import java.io.InputStream;
import java.lang.reflect.Method;

import org.apache.cxf.jaxrs.model.OperationResourceInfo;
import org.apache.cxf.jaxrs.model.Parameter;
import org.apache.cxf.jaxrs.model.ParameterType;
import org.apache.cxf.jaxrs.utils.JAXRSUtils;
import org.apache.cxf.message.Message;

/**
 * How the matched resource method uses the request body. A method taking the raw body as an
 * {@link InputStream} streams it to a consumer with its own, larger bound (the content store); every
 * other body is a small document (JSON) or is not read at all.
 */
enum BodyUse {
    /** The method takes no body: whatever is sent is counted and dropped. */
    NONE,
    /** The method reads a small entity (JSON, text): bounded by the JSON limit. */
    ENTITY,
    /** The method streams the raw body (file uploads): bounded by the streaming limit. */
    STREAMED;

    /** The body use of the method CXF matched for the current request ({@link #ENTITY} when unknown). */
    static BodyUse current() {
        Message m = JAXRSUtils.getCurrentMessage();
        OperationResourceInfo ori = m == null ? null : m.getExchange().get(OperationResourceInfo.class);
        return ori == null ? ENTITY : of(ori);
    }

    static BodyUse of(OperationResourceInfo ori) {
        Method method = ori.getMethodToInvoke() != null ? ori.getMethodToInvoke() : ori.getAnnotatedMethod();
        for (Parameter p : ori.getParameters()) {
            if (p.getType() == ParameterType.FORM) {
                return ENTITY; // form parameters are read from the body
            }
            if (p.getType() == ParameterType.REQUEST_BODY) {
                return InputStream.class.isAssignableFrom(method.getParameterTypes()[p.getIndex()]) ? STREAMED : ENTITY;
            }
        }
        return NONE;
    }
}
