package vn.chidao.platform.rest;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * What a Java record says that swagger-core leaves out: a primitive component is always present
 * (required), any other may be null (our JSON writes nulls), so it is {@code nullable} unless the type
 * marks it required. A nullable reference to another schema is written {@code allOf: [$ref]} with
 * {@code nullable: true}, since OpenAPI 3.0 ignores siblings of a bare {@code $ref}.
 */
final class RecordSchemas implements ModelConverter {

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema schema = chain.next().resolve(type, context, chain);
        if (schema != null && schema.getAdditionalProperties() instanceof Schema values) {
            if (isAnything(values)) {
                // Map<String, Object>: any JSON value, not only objects
                schema.setAdditionalProperties(Boolean.TRUE);
            } else if (values.get$ref() == null) {
                values.setNullable(true); // a map's values may be null, as a record's components
            }
        }
        if (schema == null || type.getType() == null) {
            return schema;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        // asked for as a reference, the resolver answers a $ref and keeps the model in the context
        Schema model = schema.get$ref() != null
                ? context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1)) : schema;
        if (!raw.isRecord() || model == null || model.getProperties() == null) {
            return schema;
        }
        complete(raw, model);
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void complete(Class<?> raw, Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        for (RecordComponent c : raw.getRecordComponents()) {
            Schema p = properties.get(c.getName());
            if (p == null) {
                continue;
            }
            List<String> required = schema.getRequired();
            if (c.getType().isPrimitive()) {
                if (required == null || !required.contains(c.getName())) {
                    schema.addRequiredItem(c.getName());
                }
            } else if (required == null || !required.contains(c.getName())) {
                if (p.get$ref() != null) {
                    properties.put(c.getName(), new ComposedSchema().addAllOfItem(new Schema().$ref(p.get$ref())).nullable(true));
                } else {
                    p.setNullable(true);
                }
            }
        }
    }

    private static boolean isAnything(Schema<?> s) {
        return "object".equals(s.getType()) && s.getProperties() == null && s.get$ref() == null
                && s.getAdditionalProperties() == null;
    }
}
