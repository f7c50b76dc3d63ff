package vn.chidao.jpamodule;

import java.sql.Types;

import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.converters.Converter;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink 2.7 binds java.util.UUID as a serialized object (bytea); PostgreSQL's uuid columns need
 * it bound as OTHER, which PgJDBC then sends as a uuid. Modules with UUID keys use this converter.
 */
public class UuidConverter implements Converter {
    private static final long serialVersionUID = 1L;

    @Override
    public Object convertObjectValueToDataValue(Object objectValue, Session session) {
        return objectValue;
    }

    @Override
    public Object convertDataValueToObjectValue(Object dataValue, Session session) {
        return dataValue;
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    public void initialize(DatabaseMapping mapping, Session session) {
        mapping.getField().setSqlType(Types.OTHER);
    }
}
